import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { CodeSent } from '../api/types';
import { ErrorNotice, fieldErrors } from './ErrorNotice';
import { Field } from './Field';

/**
 * The step-up of an account-key change: a fresh code mailed to the signed-in address, valid
 * 5 minutes, typed here and sent with the change, which spends it.
 */
export function StepUp({ action, pending, error, onConfirm, onCancel }: { action: string; pending: boolean; error: unknown; onConfirm(code: string): void; onCancel(): void }) {
  const [code, setCode] = useState('');
  const sendCode = useMutation({ mutationFn: () => api<CodeSent>('POST', '/api/step-up') });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(code.trim());
  };
  return (
    <div className="step-up" role="group" aria-label={`Confirm: ${action}`}>
      <p>
        To {action}, confirm it with a code we email to you.
      </p>
      {!sendCode.isSuccess ? (
        <div className="actions">
          <button type="button" onClick={() => sendCode.mutate()} disabled={sendCode.isPending}>
            {sendCode.isPending ? 'Sending…' : 'Email me a confirmation code'}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <p role="status">Code sent. It is valid for {sendCode.data.expires_in / 60} minutes and confirms this change only.</p>
          <Field label="Confirmation code" errors={fieldErrors(error, 'code')}>
            {(props) => (
              <input {...props} name="step-up-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required autoFocus value={code} onChange={(event) => setCode(event.target.value)} />
            )}
          </Field>
          <div className="actions">
            <button type="submit" disabled={pending}>
              {pending ? 'Confirming…' : 'Confirm'}
            </button>
            <button type="button" className="button-link" onClick={() => sendCode.mutate()} disabled={sendCode.isPending}>
              Send a new code
            </button>
            <button type="button" className="button-secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <ErrorNotice error={sendCode.error} title="No code was sent" />
      <ErrorNotice error={error} />
    </div>
  );
}
