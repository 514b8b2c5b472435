import { Injectable } from '@nestjs/common';
import { mapPage, PrismaService, type ListPage } from '@mintfax/db';
import { findEventForEnvironment, listEvents, toEventObject, type EventObject } from '@mintfax/events';
import type { OperationalAuth } from '../auth/auth-context';
import type { ListEventsQuery } from './list-events.query';

@Injectable()
export class EventsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(auth: OperationalAuth, query: ListEventsQuery): Promise<ListPage<EventObject>> {
    return mapPage(await listEvents(this.prisma, { environmentId: auth.environmentId, type: query.type }, query), toEventObject);
  }

  async get(auth: OperationalAuth, id: string): Promise<EventObject> {
    return toEventObject(await findEventForEnvironment(this.prisma, auth, id));
  }
}
