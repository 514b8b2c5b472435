import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventObject } from '@mintfax/events';
import { Auth, type OperationalAuth } from '../auth/auth-context';
import { OperationalRoute } from '../auth/route-surface';
import type { ListPage } from '../common/list-query.dto';
import { PoolBalanceDto } from '../accounts/dto/balance.dto';
import { DeletedFaxDto, FaxDto } from '../faxes/dto/fax.dto';
import { EventDto, EventListDto } from './dto/event.dto';
import { EventsService } from './events.service';
import { ListEventsQuery } from './list-events.query';

@ApiTags('events')
@ApiExtraModels(FaxDto, DeletedFaxDto, PoolBalanceDto)
@OperationalRoute()
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ summary: 'The events of the environment, newest first; filter with ?type=.' })
  @ApiOkResponse({ type: EventListDto })
  list(@Auth() auth: OperationalAuth, @Query() query: ListEventsQuery): Promise<ListPage<EventObject>> {
    return this.events.list(auth, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event, as webhooks deliver it.' })
  @ApiOkResponse({ type: EventDto })
  get(@Auth() auth: OperationalAuth, @Param('id') id: string): Promise<EventObject> {
    return this.events.get(auth, id);
  }
}
