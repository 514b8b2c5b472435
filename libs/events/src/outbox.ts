import { Prisma } from '@mintfax/db';
import { ulid } from 'ulid';
import type { EventType } from './event-types';

export interface NewEvent {
  accountId: string;
  environmentId: string;
  type: EventType;
  faxId?: string | null;
  /** The object the event is about, as the API shows it (`data.object`). */
  object: unknown;
}

/** The one INSERT of an event row; `faxId`, `createdAt` and `from` say where a statement takes them. */
function insertEvent(event: Omit<NewEvent, 'faxId'>, faxId: Prisma.Sql, createdAt: Prisma.Sql, from: Prisma.Sql): { id: string; sql: Prisma.Sql } {
  const id = `evt_${ulid()}`;
  const data = JSON.stringify({ object: event.object });
  const sql = Prisma.sql`
    INSERT INTO events (id, account_id, environment_id, type, fax_id, data, created_at)
    SELECT ${id}, ${event.accountId}, ${event.environmentId}, ${event.type}, ${faxId}, ${data}::jsonb, ${createdAt}${from}`;
  return { id, sql };
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
