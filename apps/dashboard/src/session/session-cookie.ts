import { createHash, timingSafeEqual } from 'node:crypto';
import { SESSION_MAX_AGE_MS } from '@mintfax/accounts';
import type { FastifyRequest } from 'fastify';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (other sites' POSTs go without
 * it), and over https Secure with the `__Host-` prefix (no subdomain or plain-http page can set it).
 */
export interface SessionCookie {
  name: string;
  secure: boolean;
}

export function sessionCookieFor(publicUrl: string): SessionCookie {
  const secure = new URL(publicUrl).protocol === 'https:';
  return { name: secure ? '__Host-mintfax_session' : 'mintfax_session', secure };
}

export function setCookieHeader(cookie: SessionCookie, token: string): string {
  return serialize(cookie, token, Math.floor(SESSION_MAX_AGE_MS / 1000));
}

export function clearCookieHeader(cookie: SessionCookie): string {
  return serialize(cookie, '', 0);
}

function serialize({ name, secure }: SessionCookie, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The session token the request's Cookie header carries, if any. */
export function readSessionToken(request: FastifyRequest, { name }: SessionCookie): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * The CSRF token of a session: derived from its secret token, so nothing more is stored, and
 * unguessable without the cookie. The page reads it from the API and sends it as X-CSRF-Token.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`, 'utf8').digest('base64url');
}

export function csrfTokenMatches(sent: string | string[] | undefined, sessionToken: string): boolean {
  if (typeof sent !== 'string') return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(csrfTokenFor(sessionToken))];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a state-changing request comes from a page of this dashboard: its Origin (or, without
 * one, its Referer) is the public URL's origin or the very host it was sent to. Browsers set
 * both on cross-site requests and no page can forge them.
 */
export function fromOwnPage(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin ?? originOf(request.headers.referer);
  if (!origin || origin === 'null') return false;
  if (origin === new URL(publicUrl).origin) return true;
  const host = request.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
