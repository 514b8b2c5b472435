// The lower bound of bench:webhooks, as a process of its own (like the dispatcher it is measured
// against): only the I/O a delivery needs. One statement claims a batch of events, marks them
// dispatched, owes one webhook_deliveries row per subscribed endpoint and returns what to send; each
// delivery is signed as ours are, POSTed, and one statement logs the attempt and settles what was
// owed. Plain `pg` with named prepared statements, no queue, no framework. Its receiver answers 204
// to everything, so only the success path is here. Reads DATABASE_URL; prints `ready` when listening.
import { request } from 'node:http';
import { signedWebhookHeaders } from '@mintfax/events';
import { Client, Pool } from 'pg';
import { POOL_SIZE } from './support';

/** As WEBHOOK_CONCURRENCY's default and RELAY_BATCH of the dispatcher. */
const CONCURRENCY = 32;
const BATCH = 100;

const CLAIM = {
  name: 'floor_claim',
  text: `
    WITH claimed AS (
      SELECT id, environment_id, type, created_at, data FROM events
       WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
    ), marked AS (
      UPDATE events e SET dispatched_at = now() FROM claimed c WHERE e.id = c.id
    ), owed AS (
      SELECT c.id, c.environment_id, c.type, c.created_at, c.data, w.id AS endpoint_id, w.url, w.secret
        FROM claimed c JOIN webhook_endpoints w
          ON w.environment_id = c.environment_id AND w.enabled AND ('*' = ANY(w.events) OR c.type = ANY(w.events))
    ), inserted AS (
      INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt, due_at)
      SELECT id, endpoint_id, 1, now() FROM owed ON CONFLICT DO NOTHING
    )
    SELECT * FROM owed`,
};

const RECORD = {
  name: 'floor_record',
  text: `
    WITH attempt AS (
      INSERT INTO webhook_attempts (id, endpoint_id, event_id, attempt_number, status, response_status, response_body, duration_ms, completed_at)
      VALUES ($1, $2, $3, 1, 'succeeded', $4, $5, $6, now())
    )
    DELETE FROM webhook_deliveries WHERE event_id = $3 AND endpoint_id = $2 AND next_attempt <= 1`,
};

interface Delivery {
  id: string;
  environment_id: string;
  type: string;
  created_at: Date;
  data: unknown;
  endpoint_id: string;
  url: string;
  secret: string;
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE, options: '-c TimeZone=UTC' });
const pending: Delivery[] = [];
let running = 0;
let claiming = false;
let claimAgain = false;
let attempts = 0;
let failedPosts = 0;

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: Math.round(performance.now() - started) }));
    });
    req.end(body);
  });
}

async function deliver(delivery: Delivery): Promise<void> {
  const body = JSON.stringify({
    id: delivery.id,
    object: 'event',
    type: delivery.type,
    created_at: delivery.created_at.toISOString(),
    environment_id: delivery.environment_id,
    data: delivery.data,
  });
  const headers = signedWebhookHeaders([delivery.secret], delivery.id, new Date(), body);
  const response = await post(delivery.url, body, headers);
  if (response.status < 200 || response.status >= 300) throw new Error(`the receiver answered ${response.status}`);
  attempts += 1;
  await pool.query({ ...RECORD, values: [`wa_floor${attempts}_${process.pid}`, delivery.endpoint_id, delivery.id, response.status, response.body, response.ms] });
}

/** Keeps CONCURRENCY deliveries in flight while any are claimed. */
function pump(): void {
  while (running < CONCURRENCY && pending.length > 0) {
    const next = pending.shift() as Delivery;
    running += 1;
    deliver(next)
      // A failed POST (a keep-alive socket the receiver closed) is tried again, as any sender would.
      .catch((error: Error) => {
        failedPosts += 1;
        if (failedPosts === 1) console.error(`floor delivery failed, retrying: ${error.message}`);
        pending.push(next);
      })
      .finally(() => {
        running -= 1;
        pump();
        // Claims more as the local batch runs low, so the next deliveries never wait for a claim.
        if (pending.length < CONCURRENCY) claim();
      });
  }
}

function claim(): void {
  if (claiming) {
    claimAgain = true;
    return;
  }
  claiming = true;
  pool
    .query<Delivery>({ ...CLAIM, values: [BATCH] })
    .then(({ rows }) => {
      pending.push(...rows);
      // A full batch means more may wait; an empty one waits for the next NOTIFY.
      if (rows.length > 0) claimAgain = true;
    })
    .catch((error: Error) => {
      console.error(`floor claim failed: ${error.message}`);
      process.exit(1);
    })
    .finally(() => {
      claiming = false;
      const again = claimAgain;
      claimAgain = false;
      if (again && pending.length < CONCURRENCY) claim();
      pump();
    });
}

async function main(): Promise<void> {
  const listener = new Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on('notification', () => claim());
  await listener.query('LISTEN mintfax_events');
  process.once('SIGTERM', () => {
    void listener.end().then(() => pool.end()).then(() => process.exit(0));
  });
  claim();
  console.log('ready');
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
