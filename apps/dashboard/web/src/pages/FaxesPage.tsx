import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Fax, ListPage } from '../api/types';
import { EnvironmentPicker, useChosenEnvironment } from '../components/EnvironmentPicker';
import { ErrorNotice } from '../components/ErrorNotice';
import { FaxTable } from '../components/FaxTable';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';

const STATUSES = ['queued', 'submitted', 'in_progress', 'delivered', 'failed'] as const;

/** The faxes of one environment, newest first, by status, a page at a time. */
export function FaxesPage() {
  const [params, setParams] = useSearchParams();
  const { environment } = useChosenEnvironment();
  const status = params.get('status') ?? '';
  const cursor = params.get('cursor') ?? '';
  const tag = params.get('tag') ?? '';
  const query = new URLSearchParams({ limit: '20', ...(status && { status }), ...(tag && { tag }), ...(cursor && { starting_after: cursor }) });
  const faxes = useQuery({
    queryKey: ['faxes', environment?.id, status, tag, cursor],
    queryFn: () => api<ListPage<Fax>>('GET', `/api/environments/${environment?.id}/faxes?${query}`),
    enabled: Boolean(environment),
    placeholderData: keepPreviousData,
  });
  const setParam = (name: string, value: string) =>
    setParams((current) => {
      if (value) current.set(name, value);
      else current.delete(name);
      if (name !== 'cursor') current.delete('cursor');
      return current;
    });
  const last = faxes.data?.data.at(-1);

  return (
    <>
      <PageTitle>Faxes</PageTitle>
      <div className="toolbar" role="search" aria-label="Filter faxes">
        <EnvironmentPicker />
        <div className="field field-inline">
          <label htmlFor="status-filter">Status</label>
          <select id="status-filter" value={status} onChange={(event) => setParam('status', event.target.value)}>
            <option value="">Any status</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="tag-filter">Tag</label>
          <input id="tag-filter" type="search" defaultValue={tag} placeholder="Any tag" onKeyDown={(event) => event.key === 'Enter' && setParam('tag', event.currentTarget.value.trim())} onBlur={(event) => setParam('tag', event.currentTarget.value.trim())} />
        </div>
        <Link className="button" to={`/faxes/new${environment ? `?environment=${environment.id}` : ''}`}>
          Send a fax
        </Link>
      </div>
      {faxes.isPending && environment && <Loading what="faxes" />}
      <ErrorNotice error={faxes.error} title="The faxes could not be loaded" />
      {faxes.data && faxes.data.data.length === 0 && <p>No faxes {status ? `with status “${status.replace('_', ' ')}”` : 'yet'} in this environment.</p>}
      {faxes.data && faxes.data.data.length > 0 && <FaxTable faxes={faxes.data.data} caption={`Faxes of ${environment?.name ?? 'the environment'}`} />}
      <div className="actions">
        {cursor && (
          <button type="button" className="button-secondary" onClick={() => setParam('cursor', '')}>
            Newest faxes
          </button>
        )}
        {faxes.data?.has_more && last && (
          <button type="button" className="button-secondary" onClick={() => setParam('cursor', last.id)}>
            Older faxes
          </button>
        )}
      </div>
    </>
  );
}
