import { ApiError } from '@mintfax/errors';
import { Prisma } from './generated/prisma/client';

/** docs/api/README.md "Pagination": `limit` 1–100 and at most one exclusive cursor, the id of a row already seen. */
export interface PageQuery {
  limit: number;
  starting_after?: string;
  ending_before?: string;
}

/** The list envelope of every paginated route. */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

type Direction = 'lt' | 'gt';
type Order = 'asc' | 'desc';

const past = <V>(direction: Direction, value: V) => (direction === 'lt' ? { lt: value } : { gt: value });

/** How a table's rows are ordered newest first, and which of them lie past a cursor row. */
export interface Keyset<Cursor, After, OrderBy> {
  /** The columns to read of the cursor row (a Prisma `select`). */
  select: Record<string, true>;
  after(cursor: Cursor, direction: Direction): After;
  orderBy(order: Order): OrderBy;
}

/** By (created_at, id): the id breaks ties between rows made in the same millisecond. */
export const byCreatedAt = {
  select: { id: true, createdAt: true },
  after: (cursor: { id: string; createdAt: Date }, direction: Direction) => ({
    OR: [{ createdAt: past(direction, cursor.createdAt) }, { createdAt: cursor.createdAt, id: past(direction, cursor.id) }],
  }),
  orderBy: (order: Order) => [{ createdAt: order }, { id: order }],
} satisfies Keyset<{ id: string; createdAt: Date }, unknown, unknown>;

/** byCreatedAt for raw statements: `after` is the condition to AND into the WHERE clause, `orderBy` the ORDER BY list. */
export const byCreatedAtSql = {
  select: byCreatedAt.select,
  after: (cursor: { id: string; createdAt: Date }, direction: Direction) =>
    direction === 'lt' ? Prisma.sql`AND (created_at, id) < (${cursor.createdAt}, ${cursor.id})` : Prisma.sql`AND (created_at, id) > (${cursor.createdAt}, ${cursor.id})`,
  orderBy: (order: Order) => Prisma.raw(order === 'asc' ? 'created_at ASC, id ASC' : 'created_at DESC, id DESC'),
} satisfies Keyset<{ id: string; createdAt: Date }, Prisma.Sql, Prisma.Sql>;

/** By `seq`, the insertion order, for tables whose ids are made in several processes (ULIDs may disagree by a millisecond). */
export const bySeq = {
  select: { seq: true },
  after: (cursor: { seq: bigint }, direction: Direction) => ({ seq: past(direction, cursor.seq) }),
  orderBy: (order: Order) => ({ seq: order }),
} satisfies Keyset<{ seq: bigint }, unknown, unknown>;

export interface PageSource<Cursor, After, OrderBy, Row> {
  /** The cursor row, looked up within the caller's scope only; null when it is not there. */
  findCursor(id: string): Promise<Cursor | null>;
  /** A page of rows: spread `after` into the scope's `where` (undefined without a cursor). */
  findPage(page: { after: After | undefined; orderBy: OrderBy; take: number }): Promise<Row[]>;
  /** The message for a cursor id that is not in scope, e.g. `No fax fax_… in this environment.` */
  missing(id: string): string;
}

/**
 * docs/api/README.md "Pagination", newest first: `starting_after` reads older rows, `ending_before` newer ones
 * (still shown newest first), `has_more` says whether another page lies in the direction of travel.
 */
export async function keysetPage<Cursor, After, OrderBy, Row>(
  query: PageQuery,
  keyset: Keyset<Cursor, After, OrderBy>,
  source: PageSource<Cursor, After, OrderBy, Row>,
): Promise<ListPage<Row>> {
  if (query.starting_after && query.ending_before) {
    throw new ApiError('validation_failed', { errors: { ending_before: ['Use either starting_after or ending_before, not both.'] } });
  }
  const backwards = Boolean(query.ending_before);
  const cursorId = query.starting_after ?? query.ending_before;
  let after: After | undefined;
  if (cursorId) {
    const cursor = await source.findCursor(cursorId);
    if (!cursor) {
      throw new ApiError('validation_failed', { errors: { [backwards ? 'ending_before' : 'starting_after']: [source.missing(cursorId)] } });
    }
    after = keyset.after(cursor, backwards ? 'gt' : 'lt');
  }
  const rows = await source.findPage({ after, orderBy: keyset.orderBy(backwards ? 'asc' : 'desc'), take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  return { object: 'list', data: page, has_more: rows.length > query.limit };
}

/** The same page with each row shown as the API shows it. */
export function mapPage<Row, Item>(page: ListPage<Row>, show: (row: Row) => Item): ListPage<Item> {
  return { ...page, data: page.data.map((row) => show(row)) };
}
