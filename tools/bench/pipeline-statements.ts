// The lower bound of bench:pipeline: each transition of libs/faxes fax-transitions.ts as ONE
// statement (data-modifying CTEs), sent as a named prepared statement. Same guards (the expected
// status), same rows (attempt, event with the fax object, capture of the hold with its ledger row).
// The capture is written out here because captureStatement of libs/ledger is a whole statement
// and cannot follow the fax update; it does what captureStatement does, for the fax's own hold.

/** `fax` as toFaxObject shows it (timestamps as toISOString writes them), inside `{ object }`. */
const EVENT_DATA = `jsonb_build_object('object', jsonb_build_object(
  'id', fax.id, 'object', 'fax', 'environment_id', fax.environment_id, 'to', fax."to", 'from', fax."from",
  'status', fax.status, 'pages', fax.pages, 'cost', fax.cost, 'charged', fax.charged, 'attempts', fax.attempts,
  'max_attempts', fax.max_attempts, 'failure_code', fax.failure_code, 'failure_message', fax.failure_message,
  'next_attempt_at', ${iso('fax.next_attempt_at')},
  'document', jsonb_build_object('content_type', fax.content_type, 'size_bytes', fax.size_bytes, 'sha256', fax.sha256,
                                 'purged_at', ${iso('fax.purged_at')},
                                 'source', jsonb_build_object('content_type', fax.source_content_type, 'size_bytes', fax.source_size_bytes,
                                                              'sha256', fax.source_sha256, 'filename', fax.filename)),
  'csid', fax.csid, 'page_size', fax.page_size, 'resolution', fax.resolution, 'tags', to_jsonb(fax.tags),
  'cover_page', coalesce(fax.cover_page, 'null'::jsonb), 'metadata', fax.metadata, 'resend_of', fax.resend_of_id,
  'created_at', ${iso('fax.created_at')}, 'updated_at', ${iso('fax.updated_at')}, 'completed_at', ${iso('fax.completed_at')}))`;

function iso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** `$2`: the event id. */
function event(type: string): string {
  return `event AS (
    INSERT INTO events (id, account_id, environment_id, type, fax_id, data)
    SELECT $2, fax.account_id, fax.environment_id, '${type}', fax.id, ${EVENT_DATA} FROM fax
  )`;
}

/** queued → submitted, a new attempt row, `fax.submitted`; returns what the carrier dials. `$1` fax id, `$2` event id. */
export const STARTED = {
  name: 'bench_fax_started',
  text: `
    WITH fax AS (
      UPDATE faxes SET status = 'submitted', attempts = attempts + 1, next_attempt_at = NULL, updated_at = now()
      WHERE id = $1 AND status = 'queued'
      RETURNING *
    ), attempt AS (
      INSERT INTO fax_attempts (fax_id, number) SELECT fax.id, fax.attempts FROM fax
    ), ${event('fax.submitted')}
    SELECT "to", attempts FROM fax`,
};

/** submitted → in_progress, `fax.in_progress`. `$1` fax id, `$2` event id. */
export const CONNECTED = {
  name: 'bench_fax_connected',
  text: `
    WITH fax AS (
      UPDATE faxes SET status = 'in_progress', updated_at = now()
      WHERE id = $1 AND status = 'submitted'
      RETURNING *
    ), ${event('fax.in_progress')}
    SELECT id FROM fax`,
};

/**
 * → delivered with every page sent (the sandbox carrier's answer), so `charged` is the whole cost;
 * the hold is captured with its ledger row, the attempt ended, `fax.delivered` written.
 * `$1` fax id, `$2` event id, `$3` ledger entry id. No row when the fax or its hold was not in the
 * expected state.
 */
export const DELIVERED = {
  name: 'bench_fax_delivered',
  text: `
    WITH fax AS (
      UPDATE faxes SET status = 'delivered', charged = cost, completed_at = now(), failure_code = NULL,
                       failure_message = NULL, updated_at = now()
      WHERE id = $1 AND status IN ('submitted', 'in_progress')
      RETURNING *
    ), settled AS (
      UPDATE holds SET status = 'captured', charged = fax.charged, settled_at = now()
      FROM fax WHERE holds.id = fax.hold_id AND holds.status = 'held' AND holds.amount >= fax.charged
      RETURNING holds.id, holds.pool_id, holds.fax_id, holds.amount, holds.charged
    ), pool AS (
      UPDATE pools SET balance = pools.balance - settled.charged, held = pools.held - settled.amount, updated_at = now()
      FROM settled WHERE pools.id = settled.pool_id
      RETURNING pools.id, pools.balance, pools.held, settled.id AS hold_id, settled.fax_id, settled.amount, settled.charged
    ), entry AS (
      INSERT INTO ledger_entries (id, pool_id, type, amount, held_delta, balance_after, available_after, hold_id, fax_id)
      SELECT $3, pool.id, 'capture'::ledger_entry_type, -pool.charged, -pool.amount, pool.balance, pool.balance - pool.held,
             pool.hold_id, pool.fax_id
      FROM pool
    ), attempt AS (
      UPDATE fax_attempts SET outcome = 'delivered', failure_code = NULL, failure_message = NULL, pages_sent = fax.pages,
                              ended_at = now()
      FROM fax WHERE fax_attempts.fax_id = fax.id AND fax_attempts.number = fax.attempts AND fax_attempts.ended_at IS NULL
    ), ${event('fax.delivered')}
    SELECT pool.id FROM pool`,
};
