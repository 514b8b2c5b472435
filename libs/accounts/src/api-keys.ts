import { createHash, randomInt } from 'node:crypto';
import type { KeyKind } from '@mintfax/db';

/** The prefix routes the key (docs/api/authentication.md). */
export const KEY_PREFIX = { test: 'mfx_test_', live: 'mfx_live_', account: 'mfx_acct_' } as const satisfies Record<KeyKind, string>;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 40 base62 characters ≈ 238 bits of entropy. */
const SECRET_LENGTH = 40;

/** Matches a well-formed key of any kind; the first group is the kind's prefix word. */
export const KEY_SHAPE = /^mfx_(test|live|acct)_[0-9A-Za-z]{32,64}$/;

export interface NewApiKey {
  /** Shown to the developer once, never stored. */
  secret: string;
  keyHash: string;
  last4: string;
}

export function generateApiKey(kind: KeyKind): NewApiKey {
  let body = '';
  for (let i = 0; i < SECRET_LENGTH; i += 1) body += BASE62[randomInt(BASE62.length)];
  const secret = `${KEY_PREFIX[kind]}${body}`;
  return { secret, keyHash: hashApiKey(secret), last4: secret.slice(-4) };
}

/** Keys are looked up by this hash (a unique index), so no secret comparison happens in our code. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
