import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useEnvironments } from '../api/queries';
import type { Environment, EnvironmentType } from '../api/types';
import { ErrorNotice, fieldErrors } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';

interface Settings {
  retention_days: string;
  zero_footprint: boolean;
  max_attempts: string;
  page_size: 'letter' | 'a4';
  cover_page: 'none' | 'standard' | 'hipaa';
  sender_name: string;
  sender_company: string;
  sender_fax: string;
}

const NEW_SETTINGS: Settings = {
  retention_days: '30',
  zero_footprint: false,
  max_attempts: '3',
  page_size: 'letter',
  cover_page: 'none',
  sender_name: '',
  sender_company: '',
  sender_fax: '',
};

/** Environments: sandbox or live (fixed for life), each with its retention, zero-footprint and attempts settings. */
export function EnvironmentsPage() {
  const environments = useEnvironments();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <PageTitle>Environments</PageTitle>
      <p>Each environment has its own keys, faxes and webhooks. Sandbox environments share the sandbox balance, live ones the live balance.</p>
      {environments.isPending && <Loading what="environments" />}
      <ErrorNotice error={environments.error} title="The environments could not be loaded" />
      {environments.data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Environments</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Retention</th>
                <th scope="col">Zero-footprint</th>
                <th scope="col">Max attempts</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {environments.data.map((environment) => (
                <tr key={environment.id}>
                  <td>
                    {environment.name}
                    <br />
                    <code className="small">{environment.id}</code>
                  </td>
                  <td>{environment.type}</td>
                  <td>{environment.retention_days} days</td>
                  <td>{environment.zero_footprint ? 'Yes' : 'No'}</td>
                  <td>{environment.max_attempts}</td>
                  <td>
                    <button type="button" className="button-secondary" onClick={() => setEditing(editing === environment.id ? null : environment.id)} aria-expanded={editing === environment.id}>
                      Edit<span className="visually-hidden"> {environment.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && environments.data?.find((environment) => environment.id === editing) && (
        <EditEnvironment environment={environments.data.find((environment) => environment.id === editing) as Environment} onDone={() => setEditing(null)} />
      )}
      <CreateEnvironment />
    </>
  );
}

function SettingsFields({ settings, onChange, error }: { settings: Settings; onChange(settings: Settings): void; error: unknown }) {
  const zeroFootprint = useId();
  return (
    <>
      <Field label="Retention (days)" hint="Documents are purged this long after a fax finishes; 1 to 3650." errors={fieldErrors(error, 'retention_days')}>
        {(props) => (
          <input {...props} type="number" min={1} max={3650} inputMode="numeric" value={settings.retention_days} onChange={(event) => onChange({ ...settings, retention_days: event.target.value })} />
        )}
      </Field>
      <div className="field field-check">
        <input id={zeroFootprint} type="checkbox" checked={settings.zero_footprint} onChange={(event) => onChange({ ...settings, zero_footprint: event.target.checked })} />
        <label htmlFor={zeroFootprint}>Zero-footprint: purge each document as soon as its fax finishes</label>
      </div>
      <Field label="Maximum attempts" hint="Per fax, 1 to 10." errors={fieldErrors(error, 'max_attempts')}>
        {(props) => <input {...props} type="number" min={1} max={10} inputMode="numeric" value={settings.max_attempts} onChange={(event) => onChange({ ...settings, max_attempts: event.target.value })} />}
      </Field>
      <Field label="Page size" hint="Of the fax-ready document, when a fax names none." errors={fieldErrors(error, 'page_size')}>
        {(props) => (
          <select {...props} value={settings.page_size} onChange={(event) => onChange({ ...settings, page_size: event.target.value as Settings['page_size'] })}>
            <option value="letter">Letter</option>
            <option value="a4">A4</option>
          </select>
        )}
      </Field>
      <Field label="Default cover page" hint="The cover page a fax gets when it names none." errors={fieldErrors(error, 'cover_page')}>
        {(props) => (
          <select {...props} value={settings.cover_page} onChange={(event) => onChange({ ...settings, cover_page: event.target.value as Settings['cover_page'] })}>
            <option value="none">None</option>
            <option value="standard">Standard</option>
            <option value="hipaa">HIPAA</option>
          </select>
        )}
      </Field>
      <fieldset>
        <legend>Sender, printed on cover pages</legend>
        <Field label="Sender name" errors={fieldErrors(error, 'sender.name')}>
          {(props) => <input {...props} maxLength={100} value={settings.sender_name} onChange={(event) => onChange({ ...settings, sender_name: event.target.value })} />}
        </Field>
        <Field label="Sender company" errors={fieldErrors(error, 'sender.company')}>
          {(props) => <input {...props} maxLength={100} value={settings.sender_company} onChange={(event) => onChange({ ...settings, sender_company: event.target.value })} />}
        </Field>
        <Field label="Sender fax number" hint="E.164, e.g. +15005550123." errors={fieldErrors(error, 'sender.fax')}>
          {(props) => <input {...props} type="tel" value={settings.sender_fax} onChange={(event) => onChange({ ...settings, sender_fax: event.target.value })} />}
        </Field>
      </fieldset>
    </>
  );
}

function settingsBody(settings: Settings) {
  const text = (value: string) => value.trim() || null;
  return {
    ...(settings.retention_days && { retention_days: Number(settings.retention_days) }),
    zero_footprint: settings.zero_footprint,
    ...(settings.max_attempts && { max_attempts: Number(settings.max_attempts) }),
    page_size: settings.page_size,
    cover_page: settings.cover_page,
    sender: { name: text(settings.sender_name), company: text(settings.sender_company), fax: text(settings.sender_fax) },
  };
}

function CreateEnvironment() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [type, setType] = useState<EnvironmentType>('live');
  const [settings, setSettings] = useState<Settings>(NEW_SETTINGS);
  const create = useMutation({
    mutationFn: () => api<Environment>('POST', '/api/environments', { json: { name: name.trim(), type, ...settingsBody(settings) } }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['environments'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="create-environment-title" className="card">
      <h2 id="create-environment-title">Create an environment</h2>
      <form onSubmit={submit} noValidate className="form-narrow">
        <Field label="Name" errors={fieldErrors(create.error, 'name')}>
          {(props) => <input {...props} name="environment-name" required value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <fieldset>
          <legend>Type (fixed for life)</legend>
          <div className="field-check">
            <input id="type-live" type="radio" name="type" value="live" checked={type === 'live'} onChange={() => setType('live')} />
            <label htmlFor="type-live">Live: real faxes, paid from the live balance once the account is activated</label>
          </div>
          <div className="field-check">
            <input id="type-sandbox" type="radio" name="type" value="sandbox" checked={type === 'sandbox'} onChange={() => setType('sandbox')} />
            <label htmlFor="type-sandbox">Sandbox: simulated faxes to the magic numbers</label>
          </div>
        </fieldset>
        <SettingsFields settings={settings} onChange={setSettings} error={create.error} />
        <ErrorNotice error={create.error} title="The environment was not created" />
        {create.isSuccess && (
          <p role="status" className="notice notice-success">
            Created {create.data.name} ({create.data.type}).
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create environment'}
        </button>
      </form>
    </section>
  );
}

function EditEnvironment({ environment, onDone }: { environment: Environment; onDone(): void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(environment.name);
  const [settings, setSettings] = useState<Settings>({
    retention_days: String(environment.retention_days),
    zero_footprint: environment.zero_footprint,
    max_attempts: String(environment.max_attempts),
    page_size: environment.page_size ?? 'letter',
    cover_page: environment.cover_page ?? 'none',
    sender_name: environment.sender?.name ?? '',
    sender_company: environment.sender?.company ?? '',
    sender_fax: environment.sender?.fax ?? '',
  });
  const update = useMutation({
    mutationFn: () => api<Environment>('PATCH', `/api/environments/${environment.id}`, { json: { name: name.trim(), ...settingsBody(settings) } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['environments'] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate();
  };
  return (
    <section aria-labelledby="edit-environment-title" className="card">
      <h2 id="edit-environment-title">Edit {environment.name}</h2>
      <form onSubmit={submit} noValidate className="form-narrow">
        <Field label="Name" errors={fieldErrors(update.error, 'name')}>
          {(props) => <input {...props} required value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <SettingsFields settings={settings} onChange={setSettings} error={update.error} />
        <ErrorNotice error={update.error} title="The environment was not saved" />
        <div className="actions">
          <button type="submit" disabled={update.isPending}>
            Save
          </button>
          <button type="button" className="button-secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
