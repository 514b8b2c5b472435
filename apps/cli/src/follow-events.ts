import type { Event, EventType, Mintfax } from '@mintfax/sdk';

/** Aborts on Ctrl-C or SIGTERM: a command that follows events then ends cleanly, exit code 0. */
export function untilInterrupted(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  return controller.signal;
}

/**
 * The events written from this moment on. The starting point is taken before this resolves, so
 * a caller that says "ready" afterwards misses nothing written after it said so.
 */
export async function eventsFromNow(mintfax: Mintfax, { type, signal }: { type?: EventType; signal: AbortSignal }): Promise<AsyncGenerator<Event, void, undefined>> {
  const newest = (await mintfax.events.page({ type, limit: 1 })).data[0]?.id ?? null;
  return mintfax.events.follow({ type, startAfter: newest, interval: 500, signal });
}

/** What an event is about, for a line of output: the fax's id, or the pool of a balance event. */
export function subjectOf(event: Event): string {
  const object = event.data.object;
  return 'id' in object ? object.id : `${object.type} pool`;
}
