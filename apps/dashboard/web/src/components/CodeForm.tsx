import { useState, type FormEvent } from 'react';
import { ErrorNotice, fieldErrors } from './ErrorNotice';
import { Field } from './Field';

/** The 6-digit code step: typed or pasted, checked by the server, resendable. */
export function CodeForm({
  email,
  validMinutes,
  submitLabel,
  pending,
  error,
  onSubmit,
  onResend,
}: {
  email: string;
  validMinutes: number;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit(code: string): void;
  onResend(): void;
}) {
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(code.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <p role="status">
        We sent a 6-digit code to <strong>{email}</strong>. It is valid for {validMinutes} minutes.
      </p>
      <Field label="Code from the email" errors={fieldErrors(error, 'code')}>
        {(props) => (
          <input
            {...props}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        )}
      </Field>
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Checking…' : submitLabel}
        </button>
        <button type="button" className="button-link" onClick={onResend} disabled={pending}>
          Send a new code
        </button>
      </div>
    </form>
  );
}
