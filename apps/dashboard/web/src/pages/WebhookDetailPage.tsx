import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { ListPage, WebhookAttempt, WebhookEndpoint, WebhookEndpointWithSecret, WebhookTest } from '../api/types';
import { ConfirmAction } from '../components/ConfirmAction';
import { CopyButton, SecretOnce } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';
import { StatusBadge } from '../components/StatusBadge';
import { formatTime } from '../format';

/** One endpoint: enable or remove it, reveal or rotate its secret, send a test event, retry deliveries. */
export function WebhookDetailPage() {
  const { environmentId = '', webhookId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const path = `/api/environments/${environmentId}/webhooks/${webhookId}`;
  const endpoint = useQuery({ queryKey: ['webhook', environmentId, webhookId], queryFn: () => api<WebhookEndpoint>('GET', path) });
  const attempts = useQuery({ queryKey: ['webhook-attempts', environmentId, webhookId], queryFn: () => api<ListPage<WebhookAttempt>>('GET', `${path}/attempts?limit=50`) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['webhook', environmentId, webhookId] });
    void queryClient.invalidateQueries({ queryKey: ['webhook-attempts', environmentId, webhookId] });
  };
  const toggle = useMutation({ mutationFn: (enabled: boolean) => api<WebhookEndpoint>('PATCH', path, { json: { enabled } }), onSuccess: refresh });
  const reveal = useMutation({ mutationFn: () => api<{ secret: string }>('GET', `${path}/secret`) });
  const rotate = useMutation({ mutationFn: () => api<WebhookEndpointWithSecret>('POST', `${path}/rotate-secret`), onSuccess: refresh });
  const test = useMutation({ mutationFn: () => api<WebhookTest>('POST', `${path}/test`) });
  const retry = useMutation({ mutationFn: (attemptId: string) => api('POST', `/api/environments/${environmentId}/webhook-attempts/${attemptId}/retry`), onSuccess: refresh });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', path),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['webhooks', environmentId] });
      navigate(`/webhooks?environment=${environmentId}`, { replace: true });
    },
  });

  if (endpoint.isPending) return <Loading what="the endpoint" />;
  if (endpoint.error) {
    return (
      <>
        <PageTitle>Webhook endpoint</PageTitle>
        <ErrorNotice error={endpoint.error} title="The endpoint could not be loaded" />
        <Link to="/webhooks">Back to webhooks</Link>
      </>
    );
  }
  const data = endpoint.data;
  return (
    <>
      <PageTitle>Webhook endpoint</PageTitle>
      <p className="break">
        <code>{data.url}</code>
      </p>
      <dl className="pairs">
        <div className="pair">
          <dt>State</dt>
          <dd>{data.enabled ? 'Enabled' : 'Disabled: events are not delivered'}</dd>
        </div>
        <div className="pair">
          <dt>Events</dt>
          <dd>{data.events.join(', ')}</dd>
        </div>
        {data.description && (
          <div className="pair">
            <dt>Description</dt>
            <dd>{data.description}</dd>
          </div>
        )}
        {data.previous_secret_expires_at && (
          <div className="pair">
            <dt>Rotation</dt>
            <dd>The previous secret also signs until {formatTime(data.previous_secret_expires_at)}.</dd>
          </div>
        )}
      </dl>
      <div className="actions">
        <button type="button" className="button-secondary" onClick={() => toggle.mutate(!data.enabled)} disabled={toggle.isPending}>
          {data.enabled ? 'Disable' : 'Enable'}
        </button>
        <ConfirmAction label="Remove endpoint" question="Remove it and its delivery log?" yes="Yes, remove" no="Keep it" danger pending={remove.isPending} onConfirm={() => remove.mutate()} />
      </div>
      <ErrorNotice error={toggle.error ?? remove.error} />

      <section className="card" aria-labelledby="secret-title">
        <h2 id="secret-title">Signing secret</h2>
        {reveal.data ? (
          <p className="break">
            <code data-testid="webhook-secret">{reveal.data.secret}</code> <CopyButton text={reveal.data.secret} label="secret" />
          </p>
        ) : (
          <button type="button" className="button-secondary" onClick={() => reveal.mutate()} disabled={reveal.isPending}>
            Reveal secret
          </button>
        )}
        <button type="button" className="button-secondary" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
          Rotate secret
        </button>
        {rotate.data && <SecretOnce label="New signing secret" secret={rotate.data.secret} note="The previous secret keeps signing beside it for 24 hours, so receivers can switch over." />}
        <ErrorNotice error={reveal.error ?? rotate.error} />
      </section>

      <section className="card" aria-labelledby="test-title">
        <h2 id="test-title">Test event</h2>
        <p className="hint">Sends a signed fax.delivered event of a made-up fax (ids start evt_test_ and fax_test_) to this URL now. Nothing is stored or retried.</p>
        <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
          {test.isPending ? 'Sending…' : 'Send test event'}
        </button>
        {test.data && (
          <p role="status" className={`notice ${test.data.succeeded ? 'notice-success' : 'notice-error'}`}>
            {test.data.succeeded ? 'Delivered' : 'Not delivered'}: {test.data.response_status ? `HTTP ${test.data.response_status}` : (test.data.error ?? 'no answer')} in {test.data.duration_ms} ms.
          </p>
        )}
        <ErrorNotice error={test.error} />
      </section>

      <section aria-labelledby="attempts-title">
        <h2 id="attempts-title">Delivery attempts</h2>
        {attempts.isPending && <Loading what="delivery attempts" />}
        <ErrorNotice error={attempts.error ?? retry.error} />
        {attempts.data && attempts.data.data.length === 0 && <p>No deliveries yet.</p>}
        {attempts.data && attempts.data.data.length > 0 && (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">#</th>
                  <th scope="col">Result</th>
                  <th scope="col">Answer</th>
                  <th scope="col">When</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {attempts.data.data.map((attempt) => (
                  <tr key={attempt.id}>
                    <td>
                      <code className="small">{attempt.event_id}</code>
                    </td>
                    <td>{attempt.attempt_number}</td>
                    <td>
                      <StatusBadge status={attempt.status} />
                    </td>
                    <td>
                      {attempt.response_status ? `HTTP ${attempt.response_status}` : (attempt.error ?? '—')}
                      {attempt.duration_ms !== null && <span className="muted small"> · {attempt.duration_ms} ms</span>}
                      {attempt.next_retry_at && <span className="muted small"> · retry {formatTime(attempt.next_retry_at)}</span>}
                    </td>
                    <td>{formatTime(attempt.created_at)}</td>
                    <td>
                      <button type="button" className="button-secondary" onClick={() => retry.mutate(attempt.id)} disabled={retry.isPending}>
                        Retry now<span className="visually-hidden"> attempt {attempt.attempt_number} of {attempt.event_id}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
