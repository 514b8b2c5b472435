import { freePort, spawnApp, waitFor, type SpawnedApp } from '@mintfax/testing';

export interface Platform {
  dashboard: string;
  gateway: string;
  /** What each app printed, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

async function ready(name: string, base: string, app: SpawnedApp): Promise<void> {
  await waitFor(
    `${name} to be ready (${base}/readyz)\n${app.output()}`,
    async () => {
      if (app.child.exitCode !== null) throw new Error(`${name} exited (${app.child.exitCode}):\n${app.output()}`);
      const answer = await fetch(`${base}/readyz`).catch(() => undefined);
      return answer?.ok ? true : undefined;
    },
    30_000,
  );
}

/**
 * The dashboard with what it works with, each its own process from dist/ as production runs them:
 * the gateway (the public API), billing (the Stripe webhook the local checkout posts to) and a
 * fax-worker (which delivers sandbox faxes). `env` is the test file's `serviceEnv(infra())` plus its own.
 */
export async function startPlatform(env: Record<string, string>, dashboardEnv: Record<string, string>): Promise<Platform> {
  const [dashboardPort, gatewayPort, billingPort, workerPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const stripeWebhookSecret = 'whsec_dashboard_test';
  const apps = {
    gateway: spawnApp('api-gateway', { ...env, GATEWAY_PORT: String(gatewayPort), RATE_LIMIT_SANDBOX: '100000', RATE_LIMIT_LIVE: '100000' }),
    billing: spawnApp('billing', { ...env, BILLING_PORT: String(billingPort), STRIPE_WEBHOOK_SECRET: stripeWebhookSecret }),
    worker: spawnApp('fax-worker', { ...env, WORKER_HTTP_PORT: String(workerPort), SANDBOX_CARRIER_DELAY_MS: '50' }),
    dashboard: spawnApp('dashboard', {
      ...env,
      ...dashboardEnv,
      DASHBOARD_PORT: String(dashboardPort),
      DASHBOARD_PUBLIC_URL: local(dashboardPort),
      BILLING_URL: local(billingPort),
      STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    }),
  };
  const output = () => Object.entries(apps).map(([name, app]) => `--- ${name}\n${app.output()}`).join('\n');
  const stop = async () => {
    await Promise.all(Object.values(apps).map((app) => app.stop()));
  };
  try {
    await Promise.all([
      ready('dashboard', local(dashboardPort), apps.dashboard),
      ready('gateway', local(gatewayPort), apps.gateway),
      ready('billing', local(billingPort), apps.billing),
      ready('fax-worker', local(workerPort), apps.worker),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dashboard: local(dashboardPort), gateway: local(gatewayPort), output, stop };
}
