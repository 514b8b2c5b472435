import { useState } from 'react';

/** A button whose action runs only after a second, explicit "yes": for what cannot be undone. */
export function ConfirmAction({
  label,
  target,
  question,
  yes,
  no = 'Cancel',
  danger = false,
  pending = false,
  disabled = false,
  onConfirm,
}: {
  label: string;
  /** What the action applies to, for screen readers where a row of buttons share one label. */
  target?: string;
  question: string;
  yes: string;
  no?: string;
  danger?: boolean;
  pending?: boolean;
  disabled?: boolean;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'button-danger' : undefined} onClick={() => setAsking(true)} disabled={disabled}>
        {label}
        {target && <span className="visually-hidden"> {target}</span>}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      {question}{' '}
      <button type="button" className={danger ? 'button-danger' : undefined} onClick={onConfirm} disabled={pending} autoFocus>
        {yes}
      </button>{' '}
      <button type="button" className="button-secondary" onClick={() => setAsking(false)}>
        {no}
      </button>
    </span>
  );
}
