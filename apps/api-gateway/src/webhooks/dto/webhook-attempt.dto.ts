import { ApiProperty } from '@nestjs/swagger';
import { WebhookAttemptStatus } from '@mintfax/db';
import { ListPageDto } from '../../common/list-page.dto';
import type { WebhookAttemptObject, WebhookRetryObject } from '@mintfax/events';

/** One delivery of an event to an endpoint, as the attempt log shows it. */
export class WebhookAttemptDto implements WebhookAttemptObject {
  @ApiProperty({ example: 'wa_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ enum: ['webhook_attempt'] })
  object!: 'webhook_attempt';

  @ApiProperty({ example: 'we_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  endpoint_id!: string;

  @ApiProperty({ example: 'evt_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  event_id!: string;

  @ApiProperty({ example: 1 })
  attempt_number!: number;

  @ApiProperty({ enum: Object.values(WebhookAttemptStatus) })
  status!: WebhookAttemptStatus;

  @ApiProperty({ type: Number, nullable: true, description: 'The HTTP status the endpoint answered; null when it did not answer.' })
  response_status!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'The start of the answer body.' })
  response_body!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the request failed without an answer.' })
  error!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  duration_ms!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  next_retry_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completed_at!: string | null;
}

export class WebhookAttemptListDto extends ListPageDto(WebhookAttemptDto) {}

/** The answer of a manual retry: the attempt it queued. */
export class WebhookRetryDto implements WebhookRetryObject {
  @ApiProperty({ enum: ['webhook_retry'] })
  object!: 'webhook_retry';

  @ApiProperty({ example: 'evt_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  event_id!: string;

  @ApiProperty({ example: 'we_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  endpoint_id!: string;

  @ApiProperty({ description: 'The number the new attempt will carry in the attempt log.' })
  attempt_number!: number;
}
