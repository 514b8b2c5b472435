import type { PrismaService } from '@mintfax/db';
import {
  createFinishedTestFax,
  createTestAccount,
  createTestDatabase,
  createTestFax,
  testPrisma,
  type TestDatabase,
  type TestOwner,
} from '@mintfax/testing';
import { purgeDueDocumentsInBatches, purgeFaxIfDue } from './purge-fax';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('retention runs', () => {
  let database: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = testPrisma(database.url);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  async function environment(settings: { retentionDays?: number; zeroFootprint?: boolean }): Promise<TestOwner> {
    const account = await createTestAccount(prisma);
    await prisma.environment.update({ where: { id: account.sandboxEnvironmentId }, data: settings });
    return { accountId: account.accountId, environmentId: account.sandboxEnvironmentId };
  }

  it('purges each due fax exactly once when several runs race, each on its own connection pool', async () => {
    const now = new Date();
    const [expired, zero, kept] = [
      await environment({ retentionDays: 3 }),
      await environment({ zeroFootprint: true }),
      await environment({ retentionDays: 30 }),
    ];
    const due: string[] = [];
    const notDue: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      due.push(await createFinishedTestFax(prisma, expired, 'delivered', new Date(now.getTime() - 3 * DAY_MS)));
      due.push(await createFinishedTestFax(prisma, zero, 'failed', now));
      if (i % 6 === 0) notDue.push(await createFinishedTestFax(prisma, kept, 'delivered', new Date(now.getTime() - DAY_MS)));
    }
    const clients = Array.from({ length: 4 }, () => testPrisma(database.url, 3));

    try {
      const counts = await Promise.all(clients.map((client) => purgeDueDocumentsInBatches(client, now, 4)));

      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(due.length);
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
    for (const id of due) {
      expect(await prisma.event.count({ where: { faxId: id, type: 'fax.data_purged' } })).toBe(1);
    }
    expect(await prisma.fax.count({ where: { id: { in: due }, purgedAt: now } })).toBe(due.length);
    expect(await prisma.faxDocument.count({ where: { faxId: { in: due } } })).toBe(0);
    expect(await prisma.faxDocument.count({ where: { faxId: { in: notDue } } })).toBe(notDue.length);
    expect(await prisma.event.count({ where: { faxId: { in: notDue }, type: 'fax.data_purged' } })).toBe(0);
  });

  it('purges one zero-footprint fax on demand, once', async () => {
    const id = await createFinishedTestFax(prisma, await environment({ zeroFootprint: true }), 'delivered', new Date());

    expect(await purgeFaxIfDue(prisma, id, new Date())).toBe(true);
    expect(await purgeFaxIfDue(prisma, id, new Date())).toBe(false);
    expect(await prisma.event.count({ where: { faxId: id, type: 'fax.data_purged' } })).toBe(1);
  });

  it('leaves a fax alone on demand when its document is not due', async () => {
    const owner = await environment({ retentionDays: 30 });
    const terminal = await createFinishedTestFax(prisma, owner, 'delivered', new Date());
    const queued = await createTestFax(prisma, await environment({ zeroFootprint: true }));

    expect(await purgeFaxIfDue(prisma, terminal, new Date())).toBe(false);
    expect(await purgeFaxIfDue(prisma, queued, new Date())).toBe(false);
    expect(await prisma.faxDocument.count({ where: { faxId: { in: [terminal, queued] } } })).toBe(2);
  });
});
