import type { ListPage } from './api-types';

/**
 * Every item of a list, oldest page last, fetching each page as the previous one runs out:
 * `for await (const fax of mintfax.faxes.list())`. Pages follow `starting_after` (docs/api/README.md "Pagination").
 */
export async function* paginate<T extends { id: string }>(fetchPage: (startingAfter?: string) => Promise<ListPage<T>>): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.data;
    const last = page.data.at(-1);
    if (!page.has_more || !last) return;
    cursor = last.id;
  }
}
