export {
  abandonIdempotencyRecord,
  claimIdempotencyKey,
  completeIdempotencyRecord,
  pruneIdempotencyRecords,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_WINDOW_MS,
  type IdempotencyClaim,
  type IdempotencyLease,
} from './idempotency-records';
