import { Prisma, ulid } from '@mintfax/db';
import type { EventType } from './event-types';

export interface NewEvent {
  accountId: string;
  environmentId: string;
  type: EventType;
  faxId?: string | null;
  /** The object the event is about, as the API shows it (`data.object`). */
  object: unknown;
}

/** Where a statement takes each column of the event rows it writes. */
export interface EventColumns {
  id: Prisma.Sql;
  accountId: Prisma.Sql;
  environmentId: Prisma.Sql;
  type: EventType;
  faxId: Prisma.Sql;
  data: Prisma.Sql;
  createdAt: Prisma.Sql;
}

/** The one INSERT of event rows: one per row of `from` (or exactly one when `from` is empty). */
export function insertEventsSql(c: EventColumns, from: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO events (id, account_id, environment_id, type, fax_id, data, created_at)
    SELECT ${c.id}, ${c.accountId}, ${c.environmentId}, ${c.type}, ${c.faxId}, ${c.data}, ${c.createdAt}${from}`;
}

/** An event of one environment; `faxId`, `createdAt` and `from` say where a statement takes them. */
function insertEvent(event: Omit<NewEvent, 'faxId'>, faxId: Prisma.Sql, createdAt: Prisma.Sql, from: Prisma.Sql): { id: string; sql: Prisma.Sql } {
  const id = `evt_${ulid()}`;
  const columns = {
    id: Prisma.sql`${id}`,
    accountId: Prisma.sql`${event.accountId}`,
    environmentId: Prisma.sql`${event.environmentId}`,
    type: event.type,
    faxId,
    data: Prisma.sql`${JSON.stringify({ object: event.object })}::jsonb`,
    createdAt,
  };
  return { id, sql: insertEventsSql(columns, from) };
}

/**
 * Appends an event to the outbox inside the caller's transaction, so it commits (or not) with the
 * change it describes. A trigger on `events` NOTIFYs EVENTS_CHANNEL, heard only after commit.
 */
export async function writeEvent(tx: Prisma.TransactionClient, event: NewEvent): Promise<string> {
  const { id, sql } = insertEvent(event, Prisma.sql`${event.faxId ?? null}::text`, Prisma.sql`now()`, Prisma.empty);
  await tx.$executeRaw(sql);
  return id;
}

/**
 * The event of a fax change made earlier in the same statement, for its data-modifying CTEs:
 * one row per row of `source` (the change's CTE, returning the fax `id`), so the event is written
 * exactly when the change is.
 */
export function insertFaxEventSql(source: Prisma.Sql, event: Omit<NewEvent, 'faxId'> & { createdAt: Date }): Prisma.Sql {
  return insertEvent(event, Prisma.sql`id`, Prisma.sql`${event.createdAt}::timestamptz`, Prisma.sql` FROM ${source}`).sql;
}
