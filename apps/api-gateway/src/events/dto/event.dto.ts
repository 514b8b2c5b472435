import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { EVENT_TYPES, type EventObject, type EventType } from '@mintfax/events';
import { ListPageDto } from '../../common/list-page.dto';
import { DeletedFaxDto, FaxDto } from '../../faxes/dto/fax.dto';

export class EventDataDto {
  // DeletedFaxDto reaches the document through @ApiExtraModels on the events controller.
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(FaxDto) }, { $ref: getSchemaPath(DeletedFaxDto) }],
    description: 'The fax as the event left it; only its id once the fax is deleted.',
  })
  object!: FaxDto | DeletedFaxDto;
}

/** docs/api/events-and-webhooks.md "Events": what GET /v1/events answers and webhooks deliver. */
export class EventDto implements EventObject {
  @ApiProperty({ example: 'evt_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ enum: ['event'] })
  object!: 'event';

  @ApiProperty({ enum: EVENT_TYPES })
  type!: EventType;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ example: 'env_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  environment_id!: string;

  @ApiProperty({ type: () => EventDataDto })
  data!: EventDataDto;
}

export class EventListDto extends ListPageDto(EventDto) {}
