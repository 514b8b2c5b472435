/**
 * Runs `task` now and then `intervalMs` after each run ends, never two at once. A failed run is
 * reported and the next goes ahead: a sweep outlives the outage it is there to repair.
 */
export function runPeriodically(intervalMs: number, task: () => Promise<unknown>, onError: (error: Error) => void): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    running = task()
      .then(() => undefined)
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    /** Lets a run under way finish (while its connections are still open), and schedules no more. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
