// The fax-worker as bench:pipeline runs it: one or more processes on the throwaway stores, the
// sandbox carrier waiting `carrierDelayMs` per step, only the start-up sweep (every job comes from
// the benchmark).
import { appEnv, freePort, startApp, type Cleanup, type RunningApp, type Stores } from './support';

/** Starts `count` fax-worker processes; the returned function stops them. */
export async function startFaxWorkers(
  stores: Stores,
  { count, concurrency, carrierDelayMs }: { count: number; concurrency: number; carrierDelayMs: number },
  cleanups: Cleanup[],
): Promise<() => Promise<void>> {
  const workers: RunningApp[] = [];
  for (let i = 0; i < count; i += 1) {
    const port = await freePort();
    const env = {
      ...appEnv(stores),
      WORKER_HTTP_PORT: String(port),
      SANDBOX_CARRIER_DELAY_MS: String(carrierDelayMs),
      FAX_WORKER_CONCURRENCY: String(concurrency),
      FAX_SWEEP_INTERVAL_MS: '3600000',
    };
    workers.push(await startApp('fax-worker', env, port, cleanups));
  }
  return async () => void (await Promise.all(workers.map((worker) => worker.stop())));
}
