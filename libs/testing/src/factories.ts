import { randomBytes } from 'node:crypto';
import { createAccount, createApiKey, createEnvironment } from '@mintfax/accounts';
import { credit } from '@mintfax/ledger';
import { PrismaService, type EnvironmentType, type FaxStatus } from '@mintfax/db';
import { DEFAULT_SEND_OPTIONS, submitFax } from '@mintfax/faxes';

/** A Prisma client on a test database, the same class the apps use. Disconnect it in afterAll. */
export function testPrisma(databaseUrl: string, poolSize = 5): PrismaService {
  return new PrismaService({ databaseUrl, poolSize });
}

/** Where a row belongs: every operational row carries both. */
export interface TestOwner {
  accountId: string;
  environmentId: string;
}

export interface TestAccount {
  accountId: string;
  /** The user registration created, who signs in to the dashboard. */
  userId: number;
  sandboxEnvironmentId: string;
  /** `mfx_test_…` of the sandbox environment. */
  sandboxKey: string;
  /** `mfx_acct_…` */
  accountKey: string;
  liveEnvironmentId: string;
  /** `mfx_live_…`; rejected until the account is activated. */
  liveKey: string;
}

/**
 * An account as registration leaves it, plus a live environment and key, in one line:
 * `const acct = await createTestAccount(prisma, { activated: true, liveCredits: 100 })`.
 */
export async function createTestAccount(
  prisma: PrismaService,
  options: { activated?: boolean; sandboxGrant?: number; liveCredits?: number; name?: string } = {},
): Promise<TestAccount> {
  return prisma.$transaction(async (tx) => {
    const created = await createAccount(tx, {
      name: options.name ?? 'Test Co',
      email: `dev-${randomBytes(6).toString('hex')}@example.test`,
      sandboxGrant: options.sandboxGrant ?? 10_000,
    });
    const accountId = created.account.id;
    const live = await createEnvironment(tx, { accountId, name: 'Live', type: 'live' });
    const liveKey = await createApiKey(tx, { accountId, environmentId: live.id, kind: 'live', name: 'Live key' });
    if (options.activated) await tx.account.update({ where: { id: accountId }, data: { activatedAt: new Date() } });
    if (options.liveCredits) {
      await credit(tx, { accountId, type: 'live', amount: options.liveCredits });
    }
    return {
      accountId,
      userId: created.user.id,
      sandboxEnvironmentId: created.environment.id,
      sandboxKey: created.apiKey,
      accountKey: created.apiKeyAccount,
      liveEnvironmentId: live.id,
      liveKey: liveKey.secret,
    };
  });
}

/**
 * A queued sandbox fax as the gateway commits it (hold, fax, document, `fax.queued`), to a
 * delivering magic number unless `to` says otherwise. Not enqueued: tests decide that.
 */
export async function createTestFax(
  prisma: PrismaService,
  owner: TestOwner,
  { to = '+15005550001', bytes = Buffer.from('%PDF-1.4 test') }: { to?: string; bytes?: Buffer } = {},
): Promise<string> {
  const fax = await submitFax(prisma, {
    ...owner,
    environmentType: 'sandbox',
    to,
    from: null,
    pages: 1,
    pricePerPage: 1,
    maxAttempts: 3,
    metadata: {},
    document: { bytes, contentType: 'application/pdf', sha256: 'test' },
    source: { contentType: 'application/pdf', sizeBytes: bytes.length, sha256: 'test', filename: null },
    options: DEFAULT_SEND_OPTIONS,
  });
  return fax.id;
}

/** A fax that reached `status` at `completedAt`, its document still stored. */
export async function createFinishedTestFax(prisma: PrismaService, owner: TestOwner, status: FaxStatus, completedAt: Date): Promise<string> {
  const id = await createTestFax(prisma, owner);
  await prisma.fax.update({ where: { id }, data: { status, completedAt } });
  return id;
}

/**
 * Another environment of the account with a key of its type, for isolation tests:
 * `const staging = await createTestEnvironment(prisma, acct.accountId)`.
 */
export async function createTestEnvironment(
  prisma: PrismaService,
  accountId: string,
  { type = 'sandbox', name = 'Staging' }: { type?: EnvironmentType; name?: string } = {},
): Promise<{ environmentId: string; key: string }> {
  return prisma.$transaction(async (tx) => {
    const environment = await createEnvironment(tx, { accountId, name, type });
    const key = await createApiKey(tx, { accountId, environmentId: environment.id, kind: type === 'live' ? 'live' : 'test', name: `${name} key` });
    return { environmentId: environment.id, key: key.secret };
  });
}
