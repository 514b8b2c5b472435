/** docs/api/events-and-webhooks.md "Deliveries": the waits between attempts. Eight attempts in all, then the delivery has failed. */
export const WEBHOOK_RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const;

export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

/**
 * How long to wait after failed attempt `attempt` (1-based) before the next one, or null when the
 * schedule is spent. `scale` shrinks the schedule (tests run it at a thousandth of real time).
 */
export function webhookRetryDelayMs(attempt: number, scale = 1): number | null {
  const delay = WEBHOOK_RETRY_DELAYS_MS[attempt - 1];
  return delay === undefined ? null : Math.round(delay * scale);
}
