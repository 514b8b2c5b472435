import { freePort } from '@mintfax/local-services';
import type { TestInfrastructure } from './infrastructure-env';
import { serviceEnv } from './service-checks';
import { spawnApp, type SpawnedApp } from './spawn-app';
import { waitFor } from './wait-for';

/** The platform as a client sees it: the gateway's URL, and the apps behind it as processes. */
export interface TestPlatform {
  url: string;
  /** What the apps printed last, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

type WorkerApp = 'fax-worker' | 'webhook-dispatcher' | 'retention-worker';

/**
 * The api-gateway and `workers` as their own processes from dist/, on the calling test file's
 * database and Redis; sandbox faxes settle at once and requests are never rate limited.
 */
export async function startTestPlatform(
  infra: TestInfrastructure,
  { workers = ['fax-worker'], env = {} }: { workers?: WorkerApp[]; env?: Record<string, string> } = {},
): Promise<TestPlatform> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const common = { ...serviceEnv(infra), SANDBOX_CARRIER_DELAY_MS: '0', SANDBOX_RETRY_BACKOFF_MS: '0', WEBHOOK_RETRY_SCALE: '0.001', ...env };
  const apps: SpawnedApp[] = [
    spawnApp('api-gateway', { ...common, GATEWAY_PORT: String(port), RATE_LIMIT_SANDBOX: '100000', RATE_LIMIT_LIVE: '100000', UPLOADS_PER_ACCOUNT: '1000' }),
    ...workers.map((app) => spawnApp(app, { ...common, WORKER_HTTP_PORT: '0' })),
  ];
  const output = () => apps.map((app) => app.output()).join('\n');
  const stop = async () => void (await Promise.all(apps.map((app) => app.stop())));
  try {
    // A minute: on a loaded machine three Node processes take their time to start.
    await waitFor(`the gateway on ${url}`, () => fetch(`${url}/readyz`).then((r) => (r.ok ? true : undefined), () => undefined), 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  return { url, output, stop };
}
