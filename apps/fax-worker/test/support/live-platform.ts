import type { Fax, FaxAttempt, PrismaService } from '@mintfax/db';
import { freePort, serviceEnv, spawnApp, startTelnyxStandin, waitFor, type SpawnedApp, type TelnyxStandin, type TestInfrastructure } from '@mintfax/testing';

/**
 * The live path on one machine: the Telnyx stand-in in the test process, the gateway (which
 * takes faxes and Telnyx's callbacks) as its own process, and fax-workers started by each test.
 */
export interface LivePlatform {
  standin: TelnyxStandin;
  gateway: string;
  /** What a fax-worker (or retention-worker) needs to reach the stand-in as its carrier. */
  carrierEnv: Record<string, string>;
  startApp(app: 'fax-worker' | 'retention-worker', env?: Record<string, string>): SpawnedApp;
  /** POST /v1/faxes with a live key: the fax id. */
  submit(key: string, to: string, document: Buffer, maxAttempts?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Retries fast, so a test sees them; polls early, so a fax whose callbacks were dropped settles in seconds. */
const FAST = { FAX_RETRY_BACKOFF_MS: '50', CARRIER_POLL_AFTER_MS: '1000', FAX_SWEEP_INTERVAL_MS: '200' };

export async function startLivePlatform(infra: TestInfrastructure): Promise<LivePlatform> {
  const standin = await startTelnyxStandin();
  const port = await freePort();
  const gateway = `http://127.0.0.1:${port}`;
  const apps: SpawnedApp[] = [];
  const carrierEnv = {
    CARRIER: 'telnyx',
    TELNYX_API_KEY: 'KEY_standin',
    TELNYX_API_BASE: standin.url,
    TELNYX_CONNECTION_ID: 'standin-connection',
    TELNYX_FROM_NUMBER: '+13125550001',
    TELNYX_WEBHOOK_URL: `${gateway}/v1/carriers/telnyx/webhook`,
  };
  const spawn = (app: string, env: Record<string, string>) => {
    const started = spawnApp(app, { ...serviceEnv(infra), ...env });
    apps.push(started);
    return started;
  };
  const api = spawn('api-gateway', {
    GATEWAY_PORT: String(port),
    CARRIER: 'telnyx',
    TELNYX_PUBLIC_KEY: standin.publicKey,
    RATE_LIMIT_LIVE: '100000',
    FAX_RETRY_BACKOFF_MS: FAST.FAX_RETRY_BACKOFF_MS,
  });
  await waitFor(`the gateway on ${gateway}: ${api.output()}`, async () => ((await fetch(`${gateway}/healthz`).catch(() => null))?.ok ? true : undefined));
  return {
    standin,
    gateway,
    carrierEnv,
    startApp: (app, env = {}) => spawn(app, { WORKER_HTTP_PORT: '0', ...carrierEnv, ...FAST, ...env }),
    async submit(key, to, document, maxAttempts) {
      const response = await fetch(`${gateway}/v1/faxes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ to, file: { content_base64: document.toString('base64') }, ...(maxAttempts && { max_attempts: maxAttempts }) }),
      });
      const body = (await response.json()) as { id?: string };
      if (response.status !== 201 || !body.id) throw new Error(`submission answered ${response.status}: ${JSON.stringify(body)}`);
      return body.id;
    },
    async stop() {
      await Promise.all(apps.map((app) => app.stop()));
      await standin.stop();
    },
  };
}

/** The fax once `done` says so, with its attempts in order. */
export function waitForFax(prisma: PrismaService, id: string, what: string, done: (fax: Fax & { attemptsLog: FaxAttempt[] }) => boolean, timeoutMs = 20_000) {
  return waitFor(
    `fax ${id} ${what}`,
    async () => {
      const fax = await prisma.fax.findUniqueOrThrow({ where: { id }, include: { attemptsLog: { orderBy: { number: 'asc' } } } });
      return done(fax) ? fax : undefined;
    },
    timeoutMs,
  );
}

export const isTerminal = (fax: Fax) => fax.status === 'delivered' || fax.status === 'failed';

/** The fax's event types, in the order they were written. */
export async function eventTypes(prisma: PrismaService, faxId: string): Promise<string[]> {
  return (await prisma.event.findMany({ where: { faxId }, orderBy: { seq: 'asc' }, select: { type: true } })).map(({ type }) => type);
}
