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

/**
 * Appends an event to the outbox inside the caller's transaction, so it commits (or not) with the
 * change it describes. A trigger on `events` NOTIFYs EVENTS_CHANNEL, heard only after commit.
 */
export async function writeEvent(tx: Prisma.TransactionClient, event: NewEvent): Promise<string> {
  const id = `evt_${ulid()}`;
  const data = JSON.stringify({ object: event.object });
  await tx.$executeRaw`
    INSERT INTO events (id, account_id, environment_id, type, fax_id, data)
    VALUES (${id}, ${event.accountId}, ${event.environmentId}, ${event.type}, ${event.faxId ?? null}::text, ${data}::jsonb)`;
  return id;
}
