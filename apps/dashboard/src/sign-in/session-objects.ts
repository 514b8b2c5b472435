import type { AccountRow, NewAccount } from '@mintfax/accounts';
import { csrfTokenFor } from '../session/session-cookie';

/** What the page knows about who is signed in; `csrf_token` goes back on every change. */
export interface SessionObject {
  object: 'session';
  user: { id: number; email: string };
  account: { id: string; name: string; activated_at: string | null };
  csrf_token: string;
}

/** Registration's answer: the session, and both keys in plain text this once. */
export interface RegisteredObject {
  session: SessionObject;
  environment: NewAccount['environment'];
  api_key: string;
  api_key_account: string;
}

export function toSessionObject(user: { id: number; email: string }, account: AccountRow, token: string): SessionObject {
  return {
    object: 'session',
    user: { id: user.id, email: user.email },
    account: { id: account.id, name: account.name, activated_at: account.activatedAt?.toISOString() ?? null },
    csrf_token: csrfTokenFor(token),
  };
}
