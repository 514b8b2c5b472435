import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { CodeSent, Registered } from '../api/types';
import { AuthFrame } from '../components/AuthFrame';
import { CodeForm } from '../components/CodeForm';
import { SecretOnce } from '../components/CopyButton';
import { ErrorNotice, fieldErrors } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { useSession } from '../session';

/** Registration as the API does it (name and email, then the mailed code), ending with both keys shown once. */
export function RegisterPage() {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const sendCode = useMutation({ mutationFn: () => api<CodeSent>('POST', '/api/register', { json: { name: name.trim(), email: email.trim() } }) });
  const verify = useMutation({
    mutationFn: (code: string) => api<Registered>('POST', '/api/register/verify', { json: { email: email.trim(), code } }),
    onSuccess: (registered) => signedIn(registered.session),
  });

  if (verify.isSuccess) {
    const { api_key, api_key_account } = verify.data;
    return (
      <AuthFrame title="Your account is ready">
        <p>
          These are your keys. Each is shown <strong>only now</strong>: copy them somewhere safe before you continue.
        </p>
        <SecretOnce label="Sandbox key" secret={api_key} note="Sends sandbox faxes to the magic numbers. Shown only now." />
        <SecretOnce label="Account key" secret={api_key_account} note="Manages keys, environments and balances through the API. Shown only now." />
        <button type="button" onClick={() => navigate('/', { replace: true })}>
          I have copied my keys: continue to the dashboard
        </button>
      </AuthFrame>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    sendCode.mutate();
  };
  return (
    <AuthFrame title="Create an account">
      {sendCode.isSuccess ? (
        <CodeForm
          email={email.trim()}
          validMinutes={sendCode.data.expires_in / 60}
          submitLabel="Create my account"
          pending={verify.isPending}
          error={verify.error}
          onSubmit={(code) => verify.mutate(code)}
          onResend={() => {
            verify.reset();
            sendCode.mutate();
          }}
        />
      ) : (
        <form onSubmit={submit} noValidate>
          <Field label="Account name" hint="Your company or project." errors={fieldErrors(sendCode.error, 'name')}>
            {(props) => <input {...props} name="name" autoComplete="organization" required value={name} onChange={(event) => setName(event.target.value)} />}
          </Field>
          <Field label="Email" errors={fieldErrors(sendCode.error, 'email')}>
            {(props) => <input {...props} name="email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />}
          </Field>
          <ErrorNotice error={sendCode.error} />
          <button type="submit" disabled={sendCode.isPending}>
            {sendCode.isPending ? 'Sending…' : 'Email me a code'}
          </button>
        </form>
      )}
      <p className="small">
        Already registered? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthFrame>
  );
}
