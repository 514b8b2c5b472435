import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrismaService } from '@mintfax/db';
import { serviceEnv, testPrisma, useTestInfrastructure } from '@mintfax/testing';
import { startGateway, type Gateway } from './support/gateway';

interface BootstrapKeys {
  account_id: string;
  environment_id: string;
  email: string;
  sandbox_key: string;
  account_key: string;
}

// BOOTSTRAP_SANDBOX_ACCOUNT, what the Testcontainers module (libs/testcontainers) relies on: a
// test deployment starts with a ready sandbox account and hands its keys over in a file.
describe('sandbox account bootstrap', () => {
  const infra = useTestInfrastructure();
  let prisma: PrismaService;
  let dir: string;
  const gateways: Gateway[] = [];

  beforeAll(() => {
    prisma = testPrisma(infra().databaseUrl);
    dir = mkdtempSync(join(tmpdir(), 'mintfax-bootstrap-'));
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.app.close()));
    await prisma.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(email: string, keysFile: string, env: Record<string, string> = {}): Promise<{ gateway: Gateway; keys: BootstrapKeys }> {
    const gateway = await startGateway({ ...serviceEnv(infra()), BOOTSTRAP_SANDBOX_ACCOUNT: email, BOOTSTRAP_KEYS_FILE: keysFile, ...env });
    gateways.push(gateway);
    return { gateway, keys: JSON.parse(readFileSync(keysFile, 'utf8')) as BootstrapKeys };
  }

  const statusWith = async (gateway: Gateway, path: string, key: string) => (await gateway.call('GET', path, { key })).status;

  it('creates the account before the gateway answers, its keys in a file only the owner reads', async () => {
    const file = join(dir, 'first', 'keys.json');
    const { gateway, keys } = await start('ci@example.test', file);

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keys).toEqual({
      account_id: expect.stringMatching(/^acct_/),
      environment_id: expect.stringMatching(/^env_/),
      email: 'ci@example.test',
      sandbox_key: expect.stringMatching(/^mfx_test_/),
      account_key: expect.stringMatching(/^mfx_acct_/),
    });
    const environment = await gateway.call('GET', '/v1/environment', { key: keys.sandbox_key });
    expect(await environment.json()).toMatchObject({ id: keys.environment_id, type: 'sandbox' });
    expect(await (await gateway.call('GET', '/v1/account', { key: keys.account_key })).json()).toMatchObject({ id: keys.account_id });
    expect(await (await gateway.call('GET', '/v1/environment/balance', { key: keys.sandbox_key })).json()).toMatchObject({ available: 10_000 });
  });

  it('keeps the account across restarts, issuing new keys each start while the old ones keep working', async () => {
    const first = await start('restart@example.test', join(dir, 'restart-1.json'));
    const second = await start('Restart@Example.test', join(dir, 'restart-2.json'));

    expect(second.keys.account_id).toBe(first.keys.account_id);
    expect(second.keys.environment_id).toBe(first.keys.environment_id);
    expect(second.keys.sandbox_key).not.toBe(first.keys.sandbox_key);
    for (const key of [first.keys.sandbox_key, second.keys.sandbox_key]) expect(await statusWith(second.gateway, '/v1/environment', key)).toBe(200);
    expect(await prisma.user.count({ where: { email: 'restart@example.test' } })).toBe(1);
  });

  it('makes one account when several gateways start at once', async () => {
    const started = await Promise.all([1, 2, 3].map((n) => start('replicas@example.test', join(dir, `replica-${n}.json`))));
    expect(new Set(started.map(({ keys }) => keys.account_id)).size).toBe(1);
    expect(await prisma.user.count({ where: { email: 'replicas@example.test' } })).toBe(1);
  });

  it('refuses to start with NODE_ENV=production, naming the variable, and writes nothing', async () => {
    const file = join(dir, 'production.json');
    await expect(start('prod@example.test', file, { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9' })).rejects.toThrow(
      'BOOTSTRAP_SANDBOX_ACCOUNT is for test deployments and refused when NODE_ENV=production',
    );
    expect(await prisma.user.count({ where: { email: 'prod@example.test' } })).toBe(0);
    await expect(start('not-an-email', join(dir, 'bad.json'))).rejects.toThrow('BOOTSTRAP_SANDBOX_ACCOUNT must be an email address');
  });
});
