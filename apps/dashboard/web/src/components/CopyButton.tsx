import { useState } from 'react';

/** Copies `text`; says so in words, for sighted and screen-reader users alike. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button-secondary" onClick={copy}>
        Copy {label}
      </button>
      <span role="status" className="small">
        {state === 'copied' ? ' Copied.' : state === 'failed' ? ' Could not copy: select the text and copy it.' : ''}
      </span>
    </>
  );
}

/** A secret shown in plain text this one time, with its copy button. */
export function SecretOnce({ label, secret, note }: { label: string; secret: string; note?: string }) {
  return (
    <div className="secret">
      <p className="secret-label">{label}</p>
      <code className="secret-value" data-testid="secret-value">
        {secret}
      </code>
      <div className="secret-actions">
        <CopyButton text={secret} label={label.toLowerCase()} />
      </div>
      <p className="hint">{note ?? 'Shown only now: copy it and keep it safe. It cannot be shown again.'}</p>
    </div>
  );
}
