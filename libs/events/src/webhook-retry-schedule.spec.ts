import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from './webhook-retry-schedule';

describe('webhook retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h between the 8 attempts, then stops', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => webhookRetryDelayMs(attempt));
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null]);
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(8);
    expect(webhookRetryDelayMs(9)).toBeNull();
  });

  it('scales every wait by the configured factor', () => {
    expect(webhookRetryDelayMs(1, 0.001)).toBe(5);
    expect(webhookRetryDelayMs(7, 0.001)).toBe(36_000);
    expect(webhookRetryDelayMs(8, 0.001)).toBeNull();
  });
});
