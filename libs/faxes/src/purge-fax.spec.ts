import type { FaxStatus, PrismaService } from '@mintfax/db';
import { createTestAccount, createTestFax, useTestPrisma } from '@mintfax/testing';
import { purgeDocument, purgeDueDocuments } from './purge-fax';

const DAY_MS = 24 * 60 * 60 * 1000;
// Milliseconds included: the boundary is exact to the stored precision, not rounded to seconds.
const T = new Date('2026-03-28T13:45:07.123Z');
const at = (ms: number) => new Date(T.getTime() + ms);

describe('document purge', () => {
  const db = useTestPrisma();
  let prisma: PrismaService;

  beforeAll(() => {
    prisma = db();
  });

  /** A sandbox environment with these settings, in a fresh account. */
  async function environment(settings: { retentionDays?: number; zeroFootprint?: boolean } = {}) {
    const account = await createTestAccount(prisma);
    await prisma.environment.update({ where: { id: account.sandboxEnvironmentId }, data: settings });
    return { accountId: account.accountId, environmentId: account.sandboxEnvironmentId };
  }

  /** A fax of `env` in `status`, completed at `completedAt` when terminal, with its document stored. */
  async function fax(env: { accountId: string; environmentId: string }, status: FaxStatus, completedAt: Date | null = null): Promise<string> {
    const id = await createTestFax(prisma, env);
    await prisma.fax.update({ where: { id }, data: { status, completedAt } });
    return id;
  }

  const sweep = (now: Date) => prisma.$transaction((tx) => purgeDueDocuments(tx, now, 1000));
  const purgedEvents = (faxId: string) => prisma.event.findMany({ where: { faxId, type: 'fax.data_purged' } });
  const documentOf = (faxId: string) => prisma.faxDocument.findUnique({ where: { faxId } });

  describe('purgeDocument', () => {
    it('deletes the bytes, keeps the metadata with purged_at, and writes fax.data_purged showing it', async () => {
      const id = await fax(await environment(), 'delivered', T);

      expect(await prisma.$transaction((tx) => purgeDocument(tx, id, at(1000)))).toBe(true);

      expect(await documentOf(id)).toBeNull();
      expect(await prisma.fax.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'delivered', purgedAt: at(1000), to: '+15005550001' });
      const [event, ...others] = await purgedEvents(id);
      expect(others).toEqual([]);
      expect(event.data).toMatchObject({
        object: { id, object: 'fax', status: 'delivered', document: { content_type: 'application/pdf', purged_at: at(1000).toISOString() } },
      });
    });

    it('purges a failed fax too', async () => {
      const id = await fax(await environment(), 'failed', T);

      expect(await prisma.$transaction((tx) => purgeDocument(tx, id, T))).toBe(true);
      expect(await documentOf(id)).toBeNull();
    });

    it('does nothing the second time: one purge, one event', async () => {
      const id = await fax(await environment(), 'delivered', T);
      await prisma.$transaction((tx) => purgeDocument(tx, id, T));

      expect(await prisma.$transaction((tx) => purgeDocument(tx, id, at(5000)))).toBe(false);
      expect((await prisma.fax.findUniqueOrThrow({ where: { id } })).purgedAt).toEqual(T);
      expect(await purgedEvents(id)).toHaveLength(1);
    });

    it.each(['queued', 'submitted', 'in_progress'] as const)('never purges a %s fax', async (status) => {
      const id = await fax(await environment(), status);

      expect(await prisma.$transaction((tx) => purgeDocument(tx, id, T))).toBe(false);
      expect(await documentOf(id)).not.toBeNull();
      expect(await purgedEvents(id)).toEqual([]);
    });

    it('answers false for a fax that does not exist', async () => {
      expect(await prisma.$transaction((tx) => purgeDocument(tx, 'fax_missing', T))).toBe(false);
    });
  });

  describe('purgeDueDocuments', () => {
    it.each([{ days: 1 }, { days: 7 }, { days: 30 }])('keeps a document $days days minus one second after completion and purges it at $days days exactly', async ({ days }) => {
      const id = await fax(await environment({ retentionDays: days }), 'delivered', T);

      expect(await sweep(at(days * DAY_MS - 1000))).not.toContain(id);
      expect(await documentOf(id)).not.toBeNull();
      expect(await sweep(at(days * DAY_MS - 1))).not.toContain(id);

      expect(await sweep(at(days * DAY_MS))).toContain(id);
      expect(await documentOf(id)).toBeNull();
      expect((await prisma.fax.findUniqueOrThrow({ where: { id } })).purgedAt).toEqual(at(days * DAY_MS));
      expect(await purgedEvents(id)).toHaveLength(1);
    });

    it('follows each environment its own retention', async () => {
      const short = await fax(await environment({ retentionDays: 2 }), 'failed', T);
      const long = await fax(await environment({ retentionDays: 3 }), 'failed', T);

      const purged = await sweep(at(2 * DAY_MS));

      expect(purged).toContain(short);
      expect(purged).not.toContain(long);
    });

    it('purges with retention_days 0 as soon as the fax is complete', async () => {
      const id = await fax(await environment({ retentionDays: 0 }), 'delivered', T);

      expect(await sweep(at(-1))).not.toContain(id);
      expect(await sweep(T)).toContain(id);
    });

    it('purges a zero-footprint fax once terminal, whatever its retention_days', async () => {
      const id = await fax(await environment({ retentionDays: 365, zeroFootprint: true }), 'delivered', T);

      expect(await sweep(T)).toContain(id);
      expect(await documentOf(id)).toBeNull();
    });

    it('never purges a fax that is not terminal, in any environment, however late, even one carrying a completed_at', async () => {
      const ids = [];
      for (const settings of [{ retentionDays: 0 }, { zeroFootprint: true }]) {
        const env = await environment(settings);
        for (const status of ['queued', 'submitted', 'in_progress'] as const) ids.push(await fax(env, status), await fax(env, status, T));
      }

      const purged = await sweep(at(100 * 365 * DAY_MS));

      for (const id of ids) {
        expect(purged).not.toContain(id);
        expect(await documentOf(id)).not.toBeNull();
        expect((await prisma.fax.findUniqueOrThrow({ where: { id } })).purgedAt).toBeNull();
      }
    });

    it('narrows to one fax when given its id', async () => {
      const env = await environment({ zeroFootprint: true });
      const [one, other] = [await fax(env, 'delivered', T), await fax(env, 'delivered', T)];

      expect(await prisma.$transaction((tx) => purgeDueDocuments(tx, T, 10, one))).toEqual([one]);
      expect(await documentOf(other)).not.toBeNull();
    });

    it('takes at most `limit` faxes, oldest completion first', async () => {
      const env = await environment({ retentionDays: 0 });
      const [newer, older] = [await fax(env, 'delivered', at(-1000)), await fax(env, 'delivered', at(-2000))];
      // Faxes other tests left behind are older still; only the order of these two matters here.
      const purged: string[] = [];
      for (let batch = await take1(); batch.length > 0; batch = await take1()) purged.push(...batch);

      expect(purged.indexOf(older)).toBeGreaterThanOrEqual(0);
      expect(purged.indexOf(older)).toBeLessThan(purged.indexOf(newer));

      async function take1() {
        const batch = await prisma.$transaction((tx) => purgeDueDocuments(tx, T, 1));
        expect(batch.length).toBeLessThanOrEqual(1);
        return batch;
      }
    });
  });
});
