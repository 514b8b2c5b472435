import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useEnvironments } from '../api/queries';
import type { Environment } from '../api/types';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

/**
 * The environment a page works in, kept in `?environment=` so links and reloads keep it; the
 * first sandbox environment until one is chosen.
 */
export function useChosenEnvironment(): { environment: Environment | undefined; environments: Environment[]; pending: boolean; error: unknown } {
  const [params, setParams] = useSearchParams();
  const { data = [], isPending, error } = useEnvironments();
  const chosen = params.get('environment');
  const environment = data.find((candidate) => candidate.id === chosen) ?? data.find((candidate) => candidate.type === 'sandbox') ?? data[0];
  useEffect(() => {
    if (environment && chosen !== environment.id) {
      setParams(
        (current) => {
          current.set('environment', environment.id);
          return current;
        },
        { replace: true },
      );
    }
  }, [environment, chosen, setParams]);
  return { environment, environments: data, pending: isPending, error };
}

export function EnvironmentPicker({ label = 'Environment' }: { label?: string }) {
  const [, setParams] = useSearchParams();
  const { environment, environments, pending, error } = useChosenEnvironment();
  if (pending) return <Loading what="environments" />;
  if (error) return <ErrorNotice error={error} title="The environments could not be loaded" />;
  return (
    <div className="field field-inline">
      <label htmlFor="environment-picker">{label}</label>
      <select
        id="environment-picker"
        value={environment?.id ?? ''}
        onChange={(event) =>
          setParams((current) => {
            current.set('environment', event.target.value);
            current.delete('cursor');
            return current;
          })
        }
      >
        {environments.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.name} ({candidate.type})
          </option>
        ))}
      </select>
    </div>
  );
}
