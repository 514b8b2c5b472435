export {
  abandonIdempotencyRecord,
  claimIdempotencyKey,
  completeIdempotencyRecord,
  pruneIdempotencyRecords,
  IDEMPOTENCY_WINDOW_MS,
  type IdempotencyClaim,
} from './idempotency-records';
