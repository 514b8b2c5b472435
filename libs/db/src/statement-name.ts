import { createHash } from 'node:crypto';

/** Names already made: the hot paths send the same few texts thousands of times a second. */
const NAMES = new Map<string, string>();
/** Past this many distinct texts the names are made afresh each time (a cap, never reached by our statements). */
const REMEMBERED = 1000;

/** Names prepared statements by their text, so each distinct query is parsed once per connection. */
export function statementName(query: { sql: string }): string {
  const known = NAMES.get(query.sql);
  if (known) return known;
  const name = 's_' + createHash('sha1').update(query.sql).digest('hex').slice(0, 24);
  if (NAMES.size < REMEMBERED) NAMES.set(query.sql, name);
  return name;
}
