// What bench:pipeline checks once every side has run: the rows each delivered fax left, and the
// money (checkAllMoney of support.ts).
import type { Pool } from 'pg';

/** Both sides left every fax delivered with the same rows: 4 events, an ended attempt, a captured hold. */
export async function checkRows(pg: Pool, faxes: number): Promise<string> {
  const { rows } = await pg.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM faxes WHERE status = 'delivered' AND charged = cost AND completed_at IS NOT NULL) AS delivered,
            (SELECT count(*)::int FROM fax_attempts WHERE outcome = 'delivered' AND ended_at IS NOT NULL AND pages_sent = 1) AS attempts,
            (SELECT count(*)::int FROM holds WHERE status = 'captured' AND charged = amount) AS captured,
            (SELECT count(*)::int FROM ledger_entries WHERE type = 'capture') AS captures,
            (SELECT count(*)::int FROM events WHERE type = 'fax.queued') AS queued,
            (SELECT count(*)::int FROM events WHERE type = 'fax.submitted') AS submitted,
            (SELECT count(*)::int FROM events WHERE type = 'fax.in_progress') AS in_progress,
            (SELECT count(*)::int FROM events WHERE type = 'fax.delivered') AS delivered_events,
            (SELECT count(*)::int FROM (
               SELECT type FROM events GROUP BY type
               HAVING count(DISTINCT (SELECT string_agg(k || ':' || jsonb_typeof(v), ',' ORDER BY k) FROM jsonb_each(data->'object') e(k, v))) > 1
             ) s) AS mixed_shapes,
            (SELECT count(*)::int FROM events WHERE data->'object'->>'updated_at' !~ '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$') AS odd_dates`,
  );
  const { mixed_shapes: mixedShapes, odd_dates: oddDates, ...counts } = rows[0];
  const wrong = Object.entries(counts).filter(([, n]) => n !== faxes);
  if (wrong.length > 0 || mixedShapes !== 0 || oddDates !== 0) {
    throw new Error(`Expected ${faxes} of each, one fax object shape per event type, ISO dates: ${JSON.stringify(rows[0])}`);
  }
  return `rows: ${faxes} faxes delivered, each with an ended attempt, a captured hold, a capture entry and 4 events (one object shape per type on both sides)`;
}

