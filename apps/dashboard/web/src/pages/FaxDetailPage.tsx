import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { Fax, FaxDetail } from '../api/types';
import { ConfirmAction } from '../components/ConfirmAction';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';
import { StatusBadge } from '../components/StatusBadge';
import { formatBytes, formatCredits, formatTime, humanize } from '../format';

const TERMINAL = new Set(['delivered', 'failed']);

/** One fax: its status timeline, attempts, document, and resend or delete where the API allows them. */
export function FaxDetailPage() {
  const { environmentId = '', faxId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const path = `/api/environments/${environmentId}/faxes/${faxId}`;
  const detail = useQuery({
    queryKey: ['fax', environmentId, faxId],
    queryFn: () => api<FaxDetail>('GET', path),
    // Follows a fax in flight until it is delivered or failed.
    refetchInterval: (query) => (query.state.data && TERMINAL.has(query.state.data.fax.status) ? false : 1000),
  });
  const resend = useMutation({
    mutationFn: () => api<Fax>('POST', `${path}/resend`),
    onSuccess: (fax) => {
      void queryClient.invalidateQueries({ queryKey: ['faxes'] });
      navigate(`/faxes/${fax.environment_id}/${fax.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', path),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['faxes'] });
      navigate(`/faxes?environment=${environmentId}`, { replace: true });
    },
  });

  if (detail.isPending) return <Loading what="the fax" />;
  if (detail.error) {
    return (
      <>
        <PageTitle>Fax</PageTitle>
        <ErrorNotice error={detail.error} title="The fax could not be loaded" />
        <Link to="/faxes">Back to faxes</Link>
      </>
    );
  }
  const { fax, events } = detail.data;
  const terminal = TERMINAL.has(fax.status);
  const purged = Boolean(fax.document?.purged_at);

  return (
    <>
      <PageTitle>{`Fax to ${fax.to}`}</PageTitle>
      <p>
        <StatusBadge status={fax.status} /> <span className="muted small">{fax.id}</span>
      </p>
      {!terminal && (
        <p className="muted" role="status">
          This fax is on its way; this page follows it.
        </p>
      )}
      <div className="grid">
        <section className="card" aria-labelledby="summary-title">
          <h2 id="summary-title">Summary</h2>
          <FaxSummary fax={fax} />
        </section>
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Status timeline</h2>
          <ol className="timeline" data-testid="timeline">
            {events.map((event) => (
              <li key={event.id}>
                <span className="timeline-type">{humanize(event.type)}</span> <time dateTime={event.created_at}>{formatTime(event.created_at)}</time>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <section aria-labelledby="attempts-title">
        <h2 id="attempts-title">Attempts</h2>
        {fax.attempts_log?.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Failure</th>
                  <th scope="col">Started</th>
                  <th scope="col">Ended</th>
                </tr>
              </thead>
              <tbody>
                {fax.attempts_log.map((attempt) => (
                  <tr key={attempt.number}>
                    <td>{attempt.number}</td>
                    <td>{attempt.outcome ? humanize(attempt.outcome) : 'In progress'}</td>
                    <td>{attempt.failure_message ?? attempt.failure_code ?? '—'}</td>
                    <td>{formatTime(attempt.started_at)}</td>
                    <td>{formatTime(attempt.ended_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>No attempt yet.</p>
        )}
      </section>
      <section aria-labelledby="document-title">
        <h2 id="document-title">Document</h2>
        {purged ? (
          <p>The document was purged {formatTime(fax.document?.purged_at)} under the environment's retention; the fax's record stays.</p>
        ) : (
          <>
            <iframe className="preview" title={`Document of the fax to ${fax.to}`} src={`${path}/document`} />
            <p>
              <a href={`${path}/document`} target="_blank" rel="noreferrer">
                Open the document
              </a>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">Actions</h2>
        <div className="actions">
          <button type="button" onClick={() => resend.mutate()} disabled={purged || resend.isPending}>
            {resend.isPending ? 'Resending…' : 'Resend'}
          </button>
          <ConfirmAction
            label="Delete"
            question="Delete this fax and its document for good?"
            yes="Yes, delete"
            no="Keep it"
            danger
            disabled={!terminal}
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        </div>
        {!terminal && <p className="hint">A fax can be deleted once it is delivered or failed.</p>}
        {purged && <p className="hint">A purged fax cannot be resent: send a new one with the document.</p>}
        <ErrorNotice error={resend.error} title="The fax was not resent" />
        <ErrorNotice error={remove.error} title="The fax was not deleted" />
      </section>
    </>
  );
}

/** Every field the fax carries, shown when present: newer fields appear without a page change. */
function FaxSummary({ fax }: { fax: Fax }) {
  const rows: [string, string | undefined][] = [
    ['Status', humanize(fax.status)],
    ['To', fax.to],
    ['From', fax.from ?? undefined],
    ['Pages', String(fax.pages)],
    ['Cost', formatCredits(fax.cost)],
    ['Charged', fax.charged == null ? undefined : formatCredits(fax.charged)],
    ['Attempts', fax.attempts === undefined ? undefined : `${fax.attempts} of ${fax.max_attempts ?? '?'}`],
    ['Next attempt', fax.next_attempt_at ? formatTime(fax.next_attempt_at) : undefined],
    ['Failure', fax.failure_message ?? fax.failure_code ?? undefined],
    ['Document', fax.document ? `${fax.document.content_type ?? 'document'}, ${formatBytes(fax.document.size_bytes)}` : undefined],
    ['Uploaded file', fax.document?.source ? `${fax.document.source.filename ?? 'unnamed'} (${fax.document.source.content_type ?? '?'}, ${formatBytes(fax.document.source.size_bytes)})` : undefined],
    ['Cover page', fax.cover_page?.template ? humanize(fax.cover_page.template) : undefined],
    ['Station id (CSID)', fax.csid ?? undefined],
    ['Page size', fax.page_size ?? undefined],
    ['Resolution', fax.resolution ?? undefined],
    ['Tags', fax.tags?.length ? fax.tags.join(', ') : undefined],
    ['Metadata', fax.metadata && Object.keys(fax.metadata).length ? Object.entries(fax.metadata).map(([key, value]) => `${key}=${value}`).join(', ') : undefined],
    ['Resend of', fax.resend_of ?? undefined],
    ['Sent', formatTime(fax.created_at)],
    ['Finished', fax.completed_at ? formatTime(fax.completed_at) : undefined],
  ];
  return (
    <dl className="pairs">
      {rows
        .filter((row): row is [string, string] => row[1] !== undefined)
        .map(([label, value]) => (
          <div key={label} className="pair">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
