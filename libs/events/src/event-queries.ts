import { checkEnvironmentAccess, type EnvironmentScope } from '@mintfax/accounts';
import { bySeq, keysetPage, type Event, type ListPage, type PageQuery, type Prisma } from '@mintfax/db';
import type { EventType } from './event-types';

type Db = Prisma.TransactionClient;

/** The events of an environment, newest first by `seq`, the outbox order; optionally of one type. */
export function listEvents(db: Db, { environmentId, type }: { environmentId: string; type?: EventType }, query: PageQuery): Promise<ListPage<Event>> {
  return keysetPage(query, bySeq, {
    findCursor: (id) => db.event.findFirst({ where: { id, environmentId }, select: bySeq.select }),
    findPage: ({ after, orderBy, take }) => db.event.findMany({ where: { environmentId, ...(type && { type }), ...after }, orderBy, take }),
    missing: (id) => `No event ${id} in this environment.`,
  });
}

/** An event the caller's environment may see (docs/api/README.md "Cross-environment reads"). */
export async function findEventForEnvironment(db: Db, caller: EnvironmentScope, id: string): Promise<Event> {
  const event = await db.event.findUnique({ where: { id }, include: { environment: { select: { type: true } } } });
  return checkEnvironmentAccess(caller, event && { ...event, environmentType: event.environment.type }, {
    missing: `No event ${id}.`,
    elsewhere: `Event ${id} belongs to another environment.`,
  });
}

/** A fax's events, oldest first: its status timeline as the dashboard draws it. */
export function listFaxEvents(db: Db, faxId: string): Promise<Event[]> {
  return db.event.findMany({ where: { faxId }, orderBy: { seq: 'asc' } });
}
