import { createHash } from 'node:crypto';

/** Names prepared statements by their text, so each distinct query is parsed once per connection. */
export function statementName(query: { sql: string }): string {
  return 's_' + createHash('sha1').update(query.sql).digest('hex').slice(0, 24);
}
