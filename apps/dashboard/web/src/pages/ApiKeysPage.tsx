import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useEnvironments } from '../api/queries';
import type { ApiKey, CreatedKey, Environment } from '../api/types';
import { ConfirmAction } from '../components/ConfirmAction';
import { SecretOnce } from '../components/CopyButton';
import { ErrorNotice, fieldErrors } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';
import { StepUp } from '../components/StepUp';
import { formatTime } from '../format';

const KIND_WORDS = { test: 'Sandbox', live: 'Live', account: 'Account' } as const;

/** API keys: environment keys made at once, account keys only with a step-up code; every secret shown once. */
export function ApiKeysPage() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['keys'], queryFn: () => api<ApiKey[]>('GET', '/api/keys') });
  const environments = useEnvironments();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const onCreated = (key: CreatedKey) => {
    setCreated(key);
    void queryClient.invalidateQueries({ queryKey: ['keys'] });
  };
  const environmentName = (id: string | null) => (id ? (environments.data?.find((environment) => environment.id === id)?.name ?? id) : 'Whole account');

  return (
    <>
      <PageTitle>API keys</PageTitle>
      {created && (
        <div className="notice notice-success" role="status">
          <p className="notice-title">Key “{created.name}” created</p>
          <SecretOnce label={`${KIND_WORDS[created.scope_kind]} key`} secret={created.key} />
          <button type="button" className="button-secondary" onClick={() => setCreated(null)}>
            I have copied it
          </button>
        </div>
      )}
      {keys.isPending && <Loading what="keys" />}
      <ErrorNotice error={keys.error} title="The keys could not be loaded" />
      {keys.data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Environment</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <KeyRow key={key.id} apiKey={key} environment={environmentName(key.environment_id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="grid">
        {environments.data && <CreateEnvironmentKey environments={environments.data} onCreated={onCreated} />}
        <CreateAccountKey onCreated={onCreated} />
      </div>
    </>
  );
}

function KeyRow({ apiKey, environment }: { apiKey: ApiKey; environment: string }) {
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState(false);
  const revoke = useMutation({
    mutationFn: (code?: string) => api<void>('POST', `/api/keys/${apiKey.id}/revoke`, { json: code ? { code } : {} }),
    onSuccess: () => {
      setRevoking(false);
      void queryClient.invalidateQueries({ queryKey: ['keys'] });
    },
  });
  const account = apiKey.scope_kind === 'account';
  return (
    <>
      <tr>
        <td>{apiKey.name}</td>
        <td>{KIND_WORDS[apiKey.scope_kind]}</td>
        <td>{environment}</td>
        <td>
          <code>…{apiKey.last4}</code>
        </td>
        <td>{formatTime(apiKey.created_at)}</td>
        <td>{apiKey.last_used_at ? formatTime(apiKey.last_used_at) : 'Never'}</td>
        <td>
          {apiKey.revoked_at ? (
            `Revoked ${formatTime(apiKey.revoked_at)}`
          ) : account ? (
            <button type="button" className="button-danger" onClick={() => setRevoking(true)} disabled={revoking} aria-expanded={revoking} aria-label={`Revoke ${apiKey.name}`}>
              Revoke
            </button>
          ) : (
            <ConfirmAction
              label="Revoke"
              target={apiKey.name}
              question={`Revoke “${apiKey.name}”? Requests with it fail from the next one on.`}
              yes="Yes, revoke"
              no="Keep it"
              danger
              pending={revoke.isPending}
              onConfirm={() => revoke.mutate(undefined)}
            />
          )}
          {!account && <ErrorNotice error={revoke.error} title="The key was not revoked" />}
        </td>
      </tr>
      {revoking && (
        <tr>
          <td colSpan={7}>
            <StepUp action={`revoke the account key “${apiKey.name}”`} pending={revoke.isPending} error={revoke.error} onConfirm={(code) => revoke.mutate(code)} onCancel={() => setRevoking(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

function CreateEnvironmentKey({ environments, onCreated }: { environments: Environment[]; onCreated(key: CreatedKey): void }) {
  const [name, setName] = useState('');
  const [environmentId, setEnvironmentId] = useState(environments[0]?.id ?? '');
  const create = useMutation({
    mutationFn: () => {
      const environment = environments.find((candidate) => candidate.id === environmentId);
      const scope_kind = environment?.type === 'live' ? 'live' : 'test';
      return api<CreatedKey>('POST', '/api/keys', { json: { name: name.trim(), scope_kind, environment_id: environmentId } });
    },
    onSuccess: (key) => {
      setName('');
      onCreated(key);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create an environment key</h2>
      <form onSubmit={submit} noValidate>
        <Field label="Key name" errors={fieldErrors(create.error, 'name')}>
          {(props) => <input {...props} name="key-name" required value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label="Environment" hint="A sandbox environment gets a sandbox key (mfx_test_…), a live one a live key (mfx_live_…)." errors={fieldErrors(create.error, 'environment_id')}>
          {(props) => (
            <select {...props} name="key-environment" value={environmentId} onChange={(event) => setEnvironmentId(event.target.value)}>
              {environments.map((environment) => (
                <option key={environment.id} value={environment.id}>
                  {environment.name} ({environment.type})
                </option>
              ))}
            </select>
          )}
        </Field>
        <ErrorNotice error={create.error} title="The key was not created" />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
    </section>
  );
}

function CreateAccountKey({ onCreated }: { onCreated(key: CreatedKey): void }) {
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState(false);
  const create = useMutation({
    mutationFn: (code: string) => api<CreatedKey>('POST', '/api/account-keys', { json: { name: name.trim(), code } }),
    onSuccess: (key) => {
      setName('');
      setConfirming(false);
      onCreated(key);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    setConfirming(true);
  };
  return (
    <section className="card" aria-labelledby="create-account-key-title">
      <h2 id="create-account-key-title">Create an account key</h2>
      <p className="hint">Account keys (mfx_acct_…) manage keys, environments and balances through the API. Creating one needs a confirmation code.</p>
      <form onSubmit={submit} noValidate>
        <Field label="Account key name" errors={fieldErrors(create.error, 'name')}>
          {(props) => <input {...props} name="account-key-name" required value={name} onChange={(event) => setName(event.target.value)} disabled={confirming} />}
        </Field>
        {!confirming && (
          <button type="submit" disabled={!name.trim()}>
            Create account key
          </button>
        )}
      </form>
      {confirming && (
        <StepUp action={`create the account key “${name.trim()}”`} pending={create.isPending} error={create.error} onConfirm={(code) => create.mutate(code)} onCancel={() => setConfirming(false)} />
      )}
    </section>
  );
}
