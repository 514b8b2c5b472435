import type { Event, ListEventsParams, ListPage } from './api-types';
import { paginate } from './pagination';
import { sleep } from './retries';
import { unwrap, type ApiClient } from './transport';

export interface FollowOptions {
  type?: ListEventsParams['type'];
  /** The last event already seen; `null` from the first event on; default: the newest one when following starts. */
  startAfter?: string | null;
  /** Time between two looks when nothing new came (ms); default 1 s. */
  interval?: number;
  /** Ends the iteration. */
  signal?: AbortSignal;
}

/** Newer items per request while catching up, the most a page holds. */
const CATCH_UP_PAGE = 100;

export class Events {
  constructor(private readonly api: ApiClient) {}

  get(id: string): Promise<Event> {
    return unwrap(this.api.GET('/v1/events/{id}', { params: { path: { id } } }));
  }

  /** One page, newest first: older than `cursor.startingAfter`, or newer than `cursor.endingBefore`. */
  page(params: ListEventsParams = {}, cursor: { startingAfter?: string; endingBefore?: string } = {}): Promise<ListPage<Event>> {
    const query = { ...params, starting_after: cursor.startingAfter, ending_before: cursor.endingBefore };
    return unwrap(this.api.GET('/v1/events', { params: { query } }));
  }

  /** Every event of the environment, newest first, page after page. */
  list(params: ListEventsParams = {}): AsyncGenerator<Event, void, undefined> {
    return paginate((startingAfter) => this.page(params, { startingAfter }));
  }

  /**
   * The events written after `startAfter` (from now on by default), oldest first, as they come
   * (polling), until `signal` aborts:
   * `for await (const event of mintfax.events.follow({ signal }))`.
   */
  async *follow({ type, startAfter, interval = 1_000, signal }: FollowOptions = {}): AsyncGenerator<Event, void, undefined> {
    let newest = startAfter === undefined ? (await this.page({ type, limit: 1 })).data[0]?.id : (startAfter ?? undefined);
    while (!signal?.aborted) {
      const fresh = await this.newerThan(newest, type);
      yield* fresh;
      newest = fresh.at(-1)?.id ?? newest;
      if (fresh.length === 0) await sleep(interval, signal).catch(() => undefined);
    }
  }

  /** Every event after `cursor` (all of them without one), oldest first. */
  private async newerThan(cursor: string | undefined, type: ListEventsParams['type']): Promise<Event[]> {
    if (cursor === undefined) {
      const all: Event[] = [];
      for await (const event of this.list({ type, limit: CATCH_UP_PAGE })) all.push(event);
      return all.reverse();
    }
    const fresh: Event[] = [];
    for (let endingBefore = cursor; ; ) {
      // `ending_before` answers the events right after the cursor, still newest first.
      const page = await this.page({ type, limit: CATCH_UP_PAGE }, { endingBefore });
      fresh.push(...page.data.reverse());
      const newestOfPage = fresh.at(-1)?.id;
      if (!page.has_more || newestOfPage === undefined) return fresh;
      endingBefore = newestOfPage;
    }
  }
}
