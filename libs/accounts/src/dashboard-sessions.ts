import { createHash, randomBytes } from 'node:crypto';
import { deleteInBatches, Prisma, ulid } from '@mintfax/db';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** …and this long after sign-in, however busy. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** Ended sessions linger a day before housekeeping deletes them, for anyone reading the logs. */
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Who a live session belongs to. */
export interface DashboardSessionIdentity {
  sessionId: string;
  userId: number;
  email: string;
  accountId: string;
}

/** Only this hash is stored: a copy of the table signs nobody in. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new session; the returned token (256 random bits) goes into the cookie and nowhere else. */
export async function startDashboardSession(
  db: Prisma.TransactionClient,
  { userId, accountId }: { userId: number; accountId: string },
): Promise<{ sessionId: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const sessionId = `ses_${ulid()}`;
  await db.dashboardSession.create({ data: { id: sessionId, userId, accountId, tokenHash: hashSessionToken(token) } });
  return { sessionId, token };
}

interface SessionRow {
  id: string;
  user_id: number;
  account_id: string;
  email: string;
}

/**
 * The session of `token` if it is live, its idle clock restarted by the same statement: revoked,
 * idle past SESSION_IDLE_MS or older than SESSION_MAX_AGE_MS, it is null.
 */
export async function resumeDashboardSession(db: Prisma.TransactionClient, token: string): Promise<DashboardSessionIdentity | null> {
  const [row] = await db.$queryRaw<SessionRow[]>(Prisma.sql`
    UPDATE dashboard_sessions s SET last_seen_at = now()
    FROM users u
    WHERE s.token_hash = ${hashSessionToken(token)}
      AND u.id = s.user_id
      AND s.revoked_at IS NULL
      AND s.last_seen_at > now() - ${SESSION_IDLE_MS} * interval '1 millisecond'
      AND s.created_at > now() - ${SESSION_MAX_AGE_MS} * interval '1 millisecond'
    RETURNING s.id, s.user_id, s.account_id, u.email`);
  return row ? { sessionId: row.id, userId: row.user_id, email: row.email, accountId: row.account_id } : null;
}

/** Sign out: this session only. */
export async function endDashboardSession(db: Prisma.TransactionClient, sessionId: string): Promise<void> {
  await db.dashboardSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Sign out everywhere: every live session of the user, this one included. Returns how many ended. */
export async function endUserDashboardSessions(db: Prisma.TransactionClient, userId: number): Promise<number> {
  const { count } = await db.dashboardSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

/** Housekeeping: sessions idle for a day are over whichever way they ended. */
export function pruneDashboardSessions(db: Prisma.TransactionClient, now: Date, batchSize: number): Promise<number> {
  return deleteInBatches(db, { table: 'dashboard_sessions', column: 'last_seen_at' }, new Date(now.getTime() - PRUNE_AFTER_MS), batchSize);
}
