import { ApiError } from '@mintfax/errors';
import type { ListPage, ListQueryDto } from '../common/list-query.dto';

type Direction = 'lt' | 'gt';
/** A keyset condition on (created_at, id), the order of webhook endpoints and attempts. */
export type AfterCursor = { OR?: ({ createdAt: Partial<Record<Direction, Date>> } | { createdAt: Date; id: Partial<Record<Direction, string>> })[] };

/**
 * API.md "Pagination" over rows ordered newest first by (created_at, id): `findCursor` looks the
 * cursor id up within the caller's scope, `findMany` reads a page past it.
 */
export async function newestFirstPage<Row extends { id: string; createdAt: Date }, Item>(
  query: ListQueryDto,
  what: string,
  findCursor: (id: string) => Promise<{ id: string; createdAt: Date } | null>,
  findMany: (after: AfterCursor, order: 'asc' | 'desc', take: number) => Promise<Row[]>,
  show: (row: Row) => Item,
): Promise<ListPage<Item>> {
  if (query.starting_after && query.ending_before) {
    throw new ApiError('validation_failed', { errors: { ending_before: ['Use either starting_after or ending_before, not both.'] } });
  }
  const backwards = Boolean(query.ending_before);
  const cursorId = query.starting_after ?? query.ending_before;
  let after: AfterCursor = {};
  if (cursorId) {
    const cursor = await findCursor(cursorId);
    if (!cursor) {
      throw new ApiError('validation_failed', { errors: { [backwards ? 'ending_before' : 'starting_after']: [`No ${what} ${cursorId} here.`] } });
    }
    const op: Direction = backwards ? 'gt' : 'lt';
    after = { OR: [{ createdAt: { [op]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [op]: cursor.id } }] };
  }
  const rows = await findMany(after, backwards ? 'asc' : 'desc', query.limit + 1);
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  return { object: 'list', data: page.map(show), has_more: rows.length > query.limit };
}
