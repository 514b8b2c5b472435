import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Environment, ListPage, WebhookEndpoint, WebhookEndpointWithSecret } from '../api/types';
import { SecretOnce } from '../components/CopyButton';
import { EnvironmentPicker, useChosenEnvironment } from '../components/EnvironmentPicker';
import { ErrorNotice, fieldErrors } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';

/** The webhook endpoints of one environment, and a form to add one. */
export function WebhooksPage() {
  const { environment } = useChosenEnvironment();
  const endpoints = useQuery({
    queryKey: ['webhooks', environment?.id],
    queryFn: () => api<ListPage<WebhookEndpoint>>('GET', `/api/environments/${environment?.id}/webhooks?limit=100`),
    enabled: Boolean(environment),
  });
  return (
    <>
      <PageTitle>Webhooks</PageTitle>
      <div className="toolbar">
        <EnvironmentPicker />
      </div>
      {endpoints.isPending && environment && <Loading what="webhook endpoints" />}
      <ErrorNotice error={endpoints.error} title="The endpoints could not be loaded" />
      {endpoints.data && endpoints.data.data.length === 0 && <p>No endpoints in this environment yet.</p>}
      {endpoints.data && endpoints.data.data.length > 0 && (
        <ul className="list">
          {endpoints.data.data.map((endpoint) => (
            <li key={endpoint.id} className="list-item">
              <Link to={`/webhooks/${endpoint.environment_id}/${endpoint.id}`}>{endpoint.url}</Link>
              <span className="muted small">
                {' '}
                {endpoint.enabled ? 'enabled' : 'disabled'} · {endpoint.events.join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {environment && <CreateEndpoint environment={environment} />}
    </>
  );
}

function CreateEndpoint({ environment }: { environment: Environment }) {
  const queryClient = useQueryClient();
  const eventTypes = useQuery({ queryKey: ['event-types'], queryFn: () => api<string[]>('GET', '/api/event-types'), staleTime: Infinity });
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(['*']);
  const create = useMutation({
    mutationFn: () =>
      api<WebhookEndpointWithSecret>('POST', `/api/environments/${environment.id}/webhooks`, {
        json: { url: url.trim(), events, ...(description.trim() && { description: description.trim() }) },
      }),
    onSuccess: () => {
      setUrl('');
      setDescription('');
      void queryClient.invalidateQueries({ queryKey: ['webhooks', environment.id] });
    },
  });
  const toggle = (type: string, on: boolean) => setEvents((current) => (on ? [...current.filter((item) => item !== '*'), type] : current.filter((item) => item !== type)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby="create-endpoint-title">
      <h2 id="create-endpoint-title">Add an endpoint to {environment.name}</h2>
      {create.isSuccess && (
        <div className="notice notice-success" role="status">
          <p className="notice-title">Endpoint added</p>
          <SecretOnce label="Signing secret" secret={create.data.secret} note="Verify each delivery's webhook-signature with it. You can reveal or rotate it later on the endpoint's page." />
        </div>
      )}
      <form onSubmit={submit} noValidate className="form-narrow">
        <Field label="Endpoint URL" hint="Where mintfax POSTs each event, signed (Standard Webhooks)." errors={fieldErrors(create.error, 'url')}>
          {(props) => <input {...props} name="url" type="url" required placeholder="https://example.com/mintfax/webhooks" value={url} onChange={(event) => setUrl(event.target.value)} />}
        </Field>
        <fieldset>
          <legend>Events</legend>
          <div className="field-check">
            <input id="events-all" type="checkbox" checked={events.includes('*')} onChange={(event) => setEvents(event.target.checked ? ['*'] : [])} />
            <label htmlFor="events-all">All events</label>
          </div>
          {eventTypes.data?.map((type) => (
            <div className="field-check" key={type}>
              <input id={`event-${type}`} type="checkbox" checked={events.includes(type)} onChange={(event) => toggle(type, event.target.checked)} />
              <label htmlFor={`event-${type}`}>{type}</label>
            </div>
          ))}
          {fieldErrors(create.error, 'events') && <p className="field-error">{fieldErrors(create.error, 'events')?.join(' ')}</p>}
        </fieldset>
        <Field label="Description (optional)" errors={fieldErrors(create.error, 'description')}>
          {(props) => <input {...props} name="description" value={description} onChange={(event) => setDescription(event.target.value)} />}
        </Field>
        <ErrorNotice error={create.error} title="The endpoint was not added" />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add endpoint'}
        </button>
      </form>
    </section>
  );
}
