import { ApiProblem } from '../api/client';
import { actionInWords } from '../api/action-words';

/** An error as the API explained it: its message, what to do, and the request id to quote. */
export function ErrorNotice({ error, title = 'That did not work' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  const message = problem?.message ?? (error instanceof Error ? error.message : String(error));
  const fields = Object.entries(problem?.fieldErrors ?? {});
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, messages]) => (
            <li key={field}>
              <strong>{field}</strong>: {messages.join(' ')}
            </li>
          ))}
        </ul>
      )}
      {problem?.action && <p className="notice-action">What to do: {actionInWords(problem.action)}</p>}
      {problem?.requestId && <p className="muted small">Request id: <code>{problem.requestId}</code></p>}
    </div>
  );
}

/** The messages the API gave for one field of a form, for the field itself to show. */
export function fieldErrors(error: unknown, field: string): string[] | undefined {
  return error instanceof ApiProblem ? error.fieldErrors[field] : undefined;
}
