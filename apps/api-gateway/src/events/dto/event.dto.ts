import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { EVENT_TYPES, type EventObject, type EventType } from '@mintfax/events';
import { PoolBalanceDto } from '../../accounts/dto/balance.dto';
import { ListPageDto } from '../../common/list-page.dto';
import { DeletedFaxDto, FaxDto } from '../../faxes/dto/fax.dto';

/** `data.top_up` of `balance.topup` and `balance.topup_failed` (docs/api/events-and-webhooks.md). */
export class TopUpEventDto {
  @ApiProperty({ example: 'tu_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ example: 'starter', description: 'The package of CREDIT_PACKAGES it bought.' })
  package_id!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Credits of the package as charged (null if it failed before being priced).' })
  credits!: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: '`balance.topup`: the payment (`pay_…`); null in sandbox, where nothing is paid.' })
  payment_id?: string | null;

  @ApiPropertyOptional({ example: 'card_declined', description: "`balance.topup_failed`: the reason, Stripe's code or requires_action, package_unavailable, payment_method_required." })
  failure_code?: string;

  @ApiPropertyOptional({ description: '`balance.topup_failed`: what happened, in words.' })
  failure_message?: string;

  @ApiPropertyOptional({ description: '`balance.topup_failed`: failed top-ups in a row, this one included.' })
  failures_in_a_row?: number;

  @ApiPropertyOptional({ description: '`balance.topup_failed`: this failure (the third in a row) turned auto top-up off.' })
  auto_top_up_disabled?: boolean;
}

export class EventDataDto {
  // DeletedFaxDto and PoolBalanceDto reach the document through @ApiExtraModels on the events controller.
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(FaxDto) }, { $ref: getSchemaPath(DeletedFaxDto) }, { $ref: getSchemaPath(PoolBalanceDto) }],
    description: 'The fax as the event left it (only its id once the fax is deleted); for balance.* events, the pool.',
  })
  object!: FaxDto | DeletedFaxDto | PoolBalanceDto;

  @ApiPropertyOptional({ type: () => TopUpEventDto, description: 'balance.topup and balance.topup_failed: the top-up.' })
  top_up?: TopUpEventDto;
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
