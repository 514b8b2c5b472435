import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { CodeSent, Session } from '../api/types';
import { AuthFrame } from '../components/AuthFrame';
import { CodeForm } from '../components/CodeForm';
import { ErrorNotice, fieldErrors } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { useSession } from '../session';

/** Sign-in without a password: an email, then the code mailed to it. */
export function SignInPage() {
  const { session, signedIn } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const sendCode = useMutation({ mutationFn: (address: string) => api<CodeSent>('POST', '/api/sign-in', { json: { email: address } }) });
  const verify = useMutation({
    mutationFn: (code: string) => api<Session>('POST', '/api/sign-in/verify', { json: { email, code } }),
    onSuccess: (started) => {
      signedIn(started);
      navigate(from, { replace: true });
    },
  });

  if (session && !verify.isSuccess) return <Navigate to={from} replace />;

  const submitEmail = (event: FormEvent) => {
    event.preventDefault();
    sendCode.mutate(email.trim());
  };

  return (
    <AuthFrame title="Sign in">
      {sendCode.isSuccess ? (
        <CodeForm
          email={email}
          validMinutes={sendCode.data.expires_in / 60}
          submitLabel="Sign in"
          pending={verify.isPending}
          error={verify.error}
          onSubmit={(code) => verify.mutate(code)}
          onResend={() => {
            verify.reset();
            sendCode.mutate(email.trim());
          }}
        />
      ) : (
        <form onSubmit={submitEmail} noValidate>
          <Field label="Email" errors={fieldErrors(sendCode.error, 'email')}>
            {(props) => <input {...props} name="email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />}
          </Field>
          <ErrorNotice error={sendCode.error} />
          <button type="submit" disabled={sendCode.isPending}>
            {sendCode.isPending ? 'Sending…' : 'Email me a sign-in code'}
          </button>
        </form>
      )}
      <p className="small">
        New to mintfax? <Link to="/register">Create an account</Link>
      </p>
    </AuthFrame>
  );
}
