import { pruneDashboardSessions, pruneVerificationCodes } from '@mintfax/accounts';
import type { PrismaClient } from '@mintfax/db';
import { pruneEvents, pruneWebhookAttempts } from '@mintfax/events';
import { pruneIdempotencyRecords } from '@mintfax/idempotency';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows deleted per statement, so no run holds many locks or bloats one transaction. */
export const HOUSEKEEPING_BATCH = 1000;

export interface HousekeepingCounts {
  idempotency_records: number;
  verification_codes: number;
  dashboard_sessions: number;
  webhook_attempts: number;
  events: number;
}

/**
 * Deletes what is past its window at `now`: idempotency records, verification codes and dashboard
 * sessions by the windows their libs define, webhook attempt logs and events after `windowDays`. Oldest first, in
 * bounded batches; rows another run is deleting are skipped, not waited for.
 */
export async function runHousekeeping(
  prisma: PrismaClient,
  now: Date,
  windowDays: number,
  batchSize = HOUSEKEEPING_BATCH,
): Promise<HousekeepingCounts> {
  const logsBefore = new Date(now.getTime() - windowDays * DAY_MS);
  return {
    idempotency_records: await pruneIdempotencyRecords(prisma, now, batchSize),
    verification_codes: await pruneVerificationCodes(prisma, now, batchSize),
    dashboard_sessions: await pruneDashboardSessions(prisma, now, batchSize),
    webhook_attempts: await pruneWebhookAttempts(prisma, logsBefore, batchSize),
    events: await pruneEvents(prisma, logsBefore, batchSize),
  };
}
