import { KEY_SHAPE } from './api-keys';

/** What the Authorization header holds, before any database lookup. */
export type BearerToken =
  | { kind: 'missing' }
  | { kind: 'malformed' }
  /** A well-formed key with stray whitespace or an escaped newline around it. */
  | { kind: 'padded' }
  | { kind: 'key'; key: string };

const BEARER = /^Bearer +([\s\S]*)$/i;
// HTTP trims spaces and tabs at the ends of a header, but not a no-break space, and a key
// pasted from a file or a .env often carries a literal "\n".
const PADDING = /^(?:\s|\\[nrt])+|(?:\s|\\[nrt])+$/g;

export function readBearerToken(header: string | undefined): BearerToken {
  if (header === undefined) return { kind: 'missing' };
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return { kind: 'malformed' };
  if (KEY_SHAPE.test(token)) return { kind: 'key', key: token };
  if (KEY_SHAPE.test(token.replace(PADDING, ''))) return { kind: 'padded' };
  return { kind: 'malformed' };
}
