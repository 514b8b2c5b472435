import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useAccount } from '../api/queries';
import type { Fax } from '../api/types';
import { EnvironmentPicker, useChosenEnvironment } from '../components/EnvironmentPicker';
import { ErrorNotice, fieldErrors } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { appendOptions, NO_OPTIONS, SendOptionsFields, type SendOptions } from '../components/SendOptionsFields';

/**
 * Sends a fax through the same rules as `POST /v1/faxes`: the server validates the number and the
 * document, prices it by its pages and holds the cost at once. One Idempotency-Key per attempt of
 * the form, so a double click or a retried request never sends twice.
 */
export function SendFaxPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { environment } = useChosenEnvironment();
  const account = useAccount();
  const [to, setTo] = useState('');
  const [from, setFrom] = useState('');
  const [maxAttempts, setMaxAttempts] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<SendOptions>(NO_OPTIONS);
  const [attemptKey] = useState(randomKey);
  const send = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('to', to.trim());
      if (from.trim()) form.set('from', from.trim());
      if (maxAttempts) form.set('max_attempts', maxAttempts);
      appendOptions(form, options);
      if (file) form.set('file', file, file.name);
      return api<Fax>('POST', `/api/environments/${environment?.id}/faxes`, { form, headers: { 'idempotency-key': attemptKey } });
    },
    onSuccess: (fax) => {
      void queryClient.invalidateQueries({ queryKey: ['faxes'] });
      void queryClient.invalidateQueries({ queryKey: ['account'] });
      navigate(`/faxes/${fax.environment_id}/${fax.id}`);
    },
  });
  const liveLocked = environment?.type === 'live' && account.data && !account.data.activated_at;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };

  return (
    <>
      <PageTitle>Send a fax</PageTitle>
      <form onSubmit={submit} noValidate className="form-narrow">
        <EnvironmentPicker label="Send from environment" />
        {liveLocked && (
          <div className="notice" role="note">
            Live faxes need an activated account. <Link to="/billing">Activate Live</Link> first, or pick a sandbox environment.
          </div>
        )}
        <Field
          label="To (fax number)"
          hint={environment?.type === 'sandbox' ? 'Sandbox: a magic number such as +15005550001 (delivered). See the Sandbox page for the others.' : 'In E.164 format, e.g. +14155550123.'}
          errors={fieldErrors(send.error, 'to')}
        >
          {(props) => <input {...props} name="to" type="tel" autoComplete="off" required placeholder="+15005550001" value={to} onChange={(event) => setTo(event.target.value)} />}
        </Field>
        <Field label="Document" hint="PDF, TIFF, JPEG or PNG, at most 10 MB. It becomes a fax-ready PDF, charged per page (a cover page counts)." errors={fieldErrors(send.error, 'file')}>
          {(props) => <input {...props} name="file" type="file" required accept="application/pdf,image/tiff,image/jpeg,image/png,.pdf,.tif,.tiff,.jpg,.jpeg,.png" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />}
        </Field>
        <details>
          <summary>Options</summary>
          <Field label="From (optional)" hint="The number shown as the sender, in E.164 format." errors={fieldErrors(send.error, 'from')}>
            {(props) => <input {...props} name="from" type="tel" value={from} onChange={(event) => setFrom(event.target.value)} />}
          </Field>
          <Field label="Maximum attempts (optional)" hint={`1 to 10; the environment's default is ${environment?.max_attempts ?? 3}.`} errors={fieldErrors(send.error, 'max_attempts')}>
            {(props) => <input {...props} name="max_attempts" type="number" min={1} max={10} inputMode="numeric" value={maxAttempts} onChange={(event) => setMaxAttempts(event.target.value)} />}
          </Field>
          <SendOptionsFields options={options} onChange={setOptions} error={send.error} environmentCover={environment?.cover_page} />
        </details>
        <ErrorNotice error={send.error} title="The fax was not sent" />
        <div className="actions">
          <button type="submit" disabled={send.isPending || !environment || Boolean(liveLocked)}>
            {send.isPending ? 'Sending…' : 'Send fax'}
          </button>
          <Link to={`/faxes${environment ? `?environment=${environment.id}` : ''}`}>Cancel</Link>
        </div>
      </form>
    </>
  );
}

/** 128 random bits in hex; crypto.randomUUID exists only on https and localhost pages. */
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
