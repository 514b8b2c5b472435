import { Injectable } from '@nestjs/common';
import { PrismaService, type Event, type Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { toEventObject, type EventObject } from '@mintfax/events';
import type { OperationalAuth } from '../auth/auth-context';
import type { ListPage } from '../common/list-query.dto';
import type { ListEventsQuery } from './list-events.query';

@Injectable()
export class EventsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first by `seq`, the outbox order (ids made in different processes may disagree by a millisecond). */
  async list(auth: OperationalAuth, query: ListEventsQuery): Promise<ListPage<EventObject>> {
    if (query.starting_after && query.ending_before) {
      throw new ApiError('validation_failed', { errors: { ending_before: ['Use either starting_after or ending_before, not both.'] } });
    }
    const where: Prisma.EventWhereInput = { environmentId: auth.environmentId, ...(query.type && { type: query.type }) };
    const backwards = Boolean(query.ending_before);
    const cursorId = query.starting_after ?? query.ending_before;
    if (cursorId) {
      const cursor = await this.prisma.event.findFirst({ where: { id: cursorId, environmentId: auth.environmentId }, select: { seq: true } });
      if (!cursor) {
        throw new ApiError('validation_failed', { errors: { [backwards ? 'ending_before' : 'starting_after']: [`No event ${cursorId} in this environment.`] } });
      }
      where.seq = backwards ? { gt: cursor.seq } : { lt: cursor.seq };
    }
    const rows = await this.prisma.event.findMany({ where, orderBy: { seq: backwards ? 'asc' : 'desc' }, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    if (backwards) page.reverse();
    return { object: 'list', data: page.map(toEventObject), has_more: rows.length > query.limit };
  }

  async get(auth: OperationalAuth, id: string): Promise<EventObject> {
    return toEventObject(await this.find(auth, id));
  }

  /** API.md "Cross-environment reads": 403 for a sibling environment of the same type, 404 across the wall or accounts. */
  private async find(auth: OperationalAuth, id: string): Promise<Event> {
    const event = await this.prisma.event.findUnique({ where: { id }, include: { environment: { select: { type: true } } } });
    if (!event || event.accountId !== auth.accountId || event.environment.type !== auth.environmentType) {
      throw new ApiError('not_found', undefined, `No event ${id}.`);
    }
    if (event.environmentId !== auth.environmentId) throw new ApiError('forbidden', undefined, `Event ${id} belongs to another environment.`);
    return event;
  }
}
