import { KEY_SHAPE } from './api-keys';

/** What the Authorization header holds, before any database lookup. */
export type BearerToken =
  | { kind: 'missing' }
  | { kind: 'malformed' }
  /** A well-formed key with stray whitespace or an escaped newline around it. */
  | { kind: 'padded' }
  | { kind: 'key'; key: string };

const BEARER = /^Bearer +([\s\S]*)$/i;
// HTTP trims spaces and tabs at the ends of a header, but not a no-break space or any other
// Unicode space (\s, plus NEL and the zero-width ones \s leaves out), and a key pasted from a
// file or a .env often carries a literal "\n".
const PADDING = /^(?:[\s\u0085\u200b\u2060]|\\[nrt])+|(?:[\s\u0085\u200b\u2060]|\\[nrt])+$/g;

/** Node reads header bytes as latin1: a UTF-8 no-break space (C2 A0) arrives as "Â\u00a0". */
const asUtf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');

export function readBearerToken(header: string | undefined): BearerToken {
  if (header === undefined) return { kind: 'missing' };
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return { kind: 'malformed' };
  if (KEY_SHAPE.test(token)) return { kind: 'key', key: token };
  // A client may send the padding as latin1 (one byte) or as UTF-8: either way it is padding.
  if ([token, asUtf8(token)].some((text) => KEY_SHAPE.test(text.replace(PADDING, '')))) return { kind: 'padded' };
  return { kind: 'malformed' };
}
