// The live path of bench:pipeline: live faxes through the Telnyx stand-in, as production runs
// them. The fax-worker uploads each one (multipart, through the SDK) and ends its job; the
// stand-in calls the gateway back four times a fax, signed (two callbacks move it: in_progress,
// then delivered with the capture); the gateway verifies each and settles the fax.
import { startTelnyxStandin, type TelnyxStandin } from '@mintfax/local-services';
import type { Pool } from 'pg';
import { deliverAll } from './pipeline-runs';
import { appEnv, freePort, startApp, type Cleanup, type Stores } from './support';

export const LIVE_TO = '+13125550100';

/** Seconds from enqueuing the live faxes until all are delivered, and the stand-in that took them. */
export async function viaStandin(
  stores: Stores,
  pg: Pool,
  ids: () => Promise<string[]>,
  concurrency: number,
  cleanups: Cleanup[],
): Promise<{ seconds: number; standin: TelnyxStandin }> {
  const standin = await startTelnyxStandin();
  cleanups.push(() => standin.stop());
  const [gatewayPort, workerPort] = [await freePort(), await freePort()];
  const gateway = await startApp(
    'api-gateway',
    // Development mode: no SMTP relay is needed, and nothing here sends mail.
    { ...appEnv(stores), NODE_ENV: 'development', GATEWAY_PORT: String(gatewayPort), CARRIER: 'telnyx', TELNYX_PUBLIC_KEY: standin.publicKey },
    gatewayPort,
    cleanups,
  );
  const worker = await startApp(
    'fax-worker',
    {
      ...appEnv(stores),
      WORKER_HTTP_PORT: String(workerPort),
      FAX_WORKER_CONCURRENCY: String(concurrency),
      FAX_SWEEP_INTERVAL_MS: '3600000',
      CARRIER: 'telnyx',
      TELNYX_API_KEY: 'KEY_bench',
      TELNYX_API_BASE: standin.url,
      TELNYX_CONNECTION_ID: 'bench',
      TELNYX_FROM_NUMBER: '+13125550001',
      TELNYX_WEBHOOK_URL: `${gateway.url}/v1/carriers/telnyx/webhook`,
    },
    workerPort,
    cleanups,
  );
  const { seconds } = await deliverAll(stores, pg, await ids(), [gateway, worker], cleanups);
  await worker.stop();
  await gateway.stop();
  return { seconds, standin };
}

/** Every live fax delivered once: one fax at the stand-in each, its id on the attempt, 4 events, its hold captured. */
export async function checkLiveRows(pg: Pool, faxIds: string[], standin: TelnyxStandin): Promise<string> {
  const { rows } = await pg.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM faxes WHERE id = ANY($1) AND status = 'delivered' AND charged = cost) AS delivered,
            (SELECT count(DISTINCT carrier_fax_id)::int FROM fax_attempts WHERE fax_id = ANY($1) AND outcome = 'delivered') AS handed,
            (SELECT count(*)::int FROM holds WHERE fax_id = ANY($1) AND status = 'captured') AS captured,
            (SELECT count(*)::int FROM events WHERE fax_id = ANY($1)) AS events`,
    [faxIds],
  );
  const sent = standin.faxes().length;
  const { delivered, handed, captured, events } = rows[0];
  if (delivered !== faxIds.length || handed !== faxIds.length || captured !== faxIds.length || events !== 4 * faxIds.length || sent !== faxIds.length) {
    throw new Error(`Expected ${faxIds.length} of each (4 events a fax), one send a fax: ${JSON.stringify({ ...rows[0], sent })}`);
  }
  const callbacks = standin.callbacks();
  if (callbacks.some((callback) => callback.status !== 200)) throw new Error('A callback was not answered 200.');
  return `live rows: ${faxIds.length} faxes delivered, each sent once, its carrier id on its attempt, a captured hold and 4 events; ${callbacks.length} callbacks, all answered 200`;
}
