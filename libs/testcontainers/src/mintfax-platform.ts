import type { StartedTestContainer } from 'testcontainers';

export interface MintfaxPlatformOptions {
  /** The platform's image, built from the repository's Dockerfile; default `mintfax:latest` (`docker build -t mintfax:latest .`). */
  image?: string;
  /** The email of the sandbox account made at start; default `testcontainers@example.test`. */
  email?: string;
  /** Apps beside the api-gateway; default the fax-worker (faxes get sent) and the webhook-dispatcher (webhooks get delivered). */
  workers?: ('fax-worker' | 'webhook-dispatcher' | 'retention-worker')[];
  /** More environment for every app, e.g. `{ SANDBOX_CARRIER_DELAY_MS: '0' }` (docs/operations.md "Configuration"). */
  env?: Record<string, string>;
  /** Ports of the test's own host the apps may reach as `http://host.testcontainers.internal:<port>`, e.g. a webhook receiver. */
  exposeHostPorts?: number[];
}

export interface StartedMintfaxPlatform {
  /** The api-gateway as the test's host reaches it, e.g. `http://localhost:32771`. */
  baseUrl: string;
  accountId: string;
  /** The sandbox environment of the account. */
  environmentId: string;
  /** `mfx_test_…`: sends sandbox faxes (docs/api/sandbox.md). */
  sandboxKey: string;
  /** `mfx_acct_…`: the account routes. */
  accountKey: string;
  /** Stops every container and removes the network. */
  stop(): Promise<void>;
}

const KEYS_FILE = '/tmp/mintfax-bootstrap-keys.json';
const POSTGRES = { user: 'mintfax', password: 'mintfax', database: 'mintfax' };
const INTERNAL = {
  DATABASE_URL: `postgresql://${POSTGRES.user}:${POSTGRES.password}@postgres:5432/${POSTGRES.database}`,
  REDIS_URL: 'redis://redis:6379',
};
const WORKER_PORTS = { 'fax-worker': 3010, 'retention-worker': 3011, 'webhook-dispatcher': 3012 } as const;

/**
 * The whole platform for an integration suite, in one line:
 * `const mintfax = await startMintfaxPlatform()`, then `new Mintfax(mintfax.sandboxKey, { baseUrl: mintfax.baseUrl })`.
 * Postgres and Redis, the migrations, the api-gateway and its workers on one Docker network; the
 * gateway makes a sandbox account at start (BOOTSTRAP_SANDBOX_ACCOUNT) whose keys come back here.
 */
export async function startMintfaxPlatform(options: MintfaxPlatformOptions = {}): Promise<StartedMintfaxPlatform> {
  // Loaded when called: Testcontainers is heavy, and only a suite that starts the platform needs it.
  const { GenericContainer, Network, TestContainers, Wait } = await import('testcontainers');
  const { image = 'mintfax:latest', email = 'testcontainers@example.test', workers = ['fax-worker', 'webhook-dispatcher'], env = {} } = options;
  const network = await new Network().start();
  const started: StartedTestContainer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.splice(0).map((container) => container.stop()));
    await network.stop();
  };
  const start = async (container: InstanceType<typeof GenericContainer>): Promise<StartedTestContainer> => {
    const running = await container.withNetwork(network).start();
    started.push(running);
    return running;
  };
  const app = (name: string, port: number, appEnv: Record<string, string>) =>
    new GenericContainer(image)
      .withEnvironment({ APP: name, NODE_ENV: 'test', HOST: '0.0.0.0', MAIL_DIR: '/tmp/mail', ...INTERNAL, ...env, ...appEnv })
      .withExposedPorts(port)
      .withWaitStrategy(Wait.forHttp('/readyz', port));

  try {
    if (options.exposeHostPorts?.length) await TestContainers.exposeHostPorts(...options.exposeHostPorts);
    await Promise.all([
      start(
        new GenericContainer('postgres:17-alpine')
          .withNetworkAliases('postgres')
          .withEnvironment({ POSTGRES_USER: POSTGRES.user, POSTGRES_PASSWORD: POSTGRES.password, POSTGRES_DB: POSTGRES.database })
          .withTmpFs({ '/var/lib/postgresql/data': 'rw' })
          // The image's init script starts the server once, stops it, then starts it for good.
          .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2)),
      ),
      start(
        new GenericContainer('redis:7-alpine')
          .withNetworkAliases('redis')
          .withCommand(['redis-server', '--maxmemory-policy', 'noeviction'])
          .withWaitStrategy(Wait.forLogMessage('Ready to accept connections')),
      ),
    ]);
    await start(
      new GenericContainer(image).withEnvironment({ DATABASE_URL: INTERNAL.DATABASE_URL }).withCommand(['node', 'dist/tools/migrate.js']).withWaitStrategy(Wait.forOneShotStartup()),
    );
    const [gateway] = await Promise.all([
      start(app('api-gateway', 3000, { GATEWAY_PORT: '3000', BOOTSTRAP_SANDBOX_ACCOUNT: email, BOOTSTRAP_KEYS_FILE: KEYS_FILE })),
      ...workers.map((worker) => start(app(worker, WORKER_PORTS[worker], { WORKER_HTTP_PORT: String(WORKER_PORTS[worker]) }))),
    ]);
    const keys = await bootstrapKeys(gateway);
    return {
      baseUrl: `http://${gateway.getHost()}:${gateway.getMappedPort(3000)}`,
      accountId: keys.account_id,
      environmentId: keys.environment_id,
      sandboxKey: keys.sandbox_key,
      accountKey: keys.account_key,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** The keys the gateway wrote before it answered /readyz (docs/operations.md, BOOTSTRAP_KEYS_FILE). */
async function bootstrapKeys(gateway: StartedTestContainer): Promise<Record<'account_id' | 'environment_id' | 'sandbox_key' | 'account_key', string>> {
  // The image has Node for certain, not necessarily cat.
  const read = await gateway.exec(['node', '-e', `process.stdout.write(require('fs').readFileSync(${JSON.stringify(KEYS_FILE)}, 'utf8'))`]);
  if (read.exitCode !== 0) throw new Error(`The api-gateway wrote no bootstrap keys to ${KEYS_FILE}: ${read.output}`);
  return JSON.parse(read.stdout);
}
