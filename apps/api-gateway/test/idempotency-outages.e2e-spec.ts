import type { PrismaService } from '@mintfax/db';
import { IDEMPOTENCY_LEASE_MS } from '@mintfax/idempotency';
import { createTestAccount, freePort, pdfDocument, serviceEnv, spawnApp, testPrisma, useTestInfrastructure, waitFor, type SpawnedApp, type TestAccount } from '@mintfax/testing';

// A gateway killed mid-request leaves no key locked for a day and takes no money twice: every
// client retry with the same key ends in one fax and one hold.
describe('idempotency keys across a gateway crash', () => {
  const infra = useTestInfrastructure();
  let prisma: PrismaService;
  let acct: TestAccount;
  let body: string;
  const gateways: SpawnedApp[] = [];

  beforeAll(async () => {
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma, { sandboxGrant: 1_000 });
    const document = await pdfDocument(1);
    body = JSON.stringify({ to: '+15005550001', file: { content_base64: document.toString('base64'), filename: 'doc.pdf' } });
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await prisma.$disconnect();
  });

  async function startGateway(port: number): Promise<SpawnedApp> {
    const gateway = spawnApp('api-gateway', { ...serviceEnv(infra()), GATEWAY_PORT: String(port), RATE_LIMIT_SANDBOX: '100000' });
    gateways.push(gateway);
    await waitFor('the gateway to answer', () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => (r.ok ? true : undefined), () => undefined));
    return gateway;
  }

  const submit = (port: number, key: string) =>
    fetch(`http://127.0.0.1:${port}/v1/faxes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acct.sandboxKey}`, 'content-type': 'application/json', 'idempotency-key': key },
      body,
    });

  it('answers every key after a SIGKILL mid-request: the fax its request made, or a fresh run; never two holds', async () => {
    const port = await freePort();
    const first = await startGateway(port);
    const keys = Array.from({ length: 40 }, (_, i) => `crash-${i}`);
    const inFlight = keys.map((key) => submit(port, key).then((r) => r.status, () => 'cut' as const));
    // Some submissions have committed, others are still on their way.
    await waitFor('the first faxes to commit', async () => ((await prisma.fax.count({ where: { idempotencyKey: { in: keys } } })) > 0 ? true : undefined), 30_000, 5);
    await first.kill();
    const cut = (await Promise.all(inFlight)).filter((status) => status === 'cut').length;
    expect(cut).toBeGreaterThan(0);

    await startGateway(port);
    const answers = new Map<string, { status: number; id: string }>();
    await waitFor(
      'every key to answer',
      async () => {
        for (const key of keys.filter((k) => !answers.has(k))) {
          const response = await submit(port, key);
          if (response.status === 409) continue; // its lease has not ended yet
          answers.set(key, { status: response.status, id: ((await response.json()) as { id: string }).id });
        }
        return answers.size === keys.length ? true : undefined;
      },
      IDEMPOTENCY_LEASE_MS + 30_000,
      500,
    );

    expect([...answers.values()].every((answer) => answer.status === 201)).toBe(true);
    const faxes = await prisma.fax.findMany({ where: { idempotencyKey: { in: keys } } });
    expect(faxes).toHaveLength(keys.length);
    expect(new Set(faxes.map((fax) => fax.id))).toEqual(new Set([...answers.values()].map((answer) => answer.id)));
    const holds = await prisma.hold.findMany({ where: { faxId: { in: faxes.map((fax) => fax.id) } } });
    expect(holds).toHaveLength(keys.length);
    const pool = await prisma.pool.findUniqueOrThrow({ where: { accountId_type: { accountId: acct.accountId, type: 'sandbox' } } });
    const open = await prisma.hold.aggregate({ where: { poolId: pool.id, status: 'held' }, _sum: { amount: true } });
    expect(pool.held).toBe(open._sum.amount ?? 0n);
  }, 120_000);
});
