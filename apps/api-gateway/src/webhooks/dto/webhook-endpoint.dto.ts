import { ApiProperty } from '@nestjs/swagger';
import { ListPageDto } from '../../common/list-page.dto';
import type { WebhookEndpointObject, WebhookEndpointWithSecret } from '@mintfax/events';
import { SUBSCRIBABLE } from './create-webhook.dto';

/** An endpoint as listed and fetched: never its secret. */
export class WebhookEndpointDto implements WebhookEndpointObject {
  @ApiProperty({ example: 'we_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ enum: ['webhook_endpoint'] })
  object!: 'webhook_endpoint';

  @ApiProperty({ example: 'env_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  environment_id!: string;

  @ApiProperty({ example: 'https://example.com/mintfax/webhooks' })
  url!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: [String], enum: SUBSCRIBABLE, description: 'Event types sent to the endpoint; "*" for all.' })
  events!: string[];

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'While a rotation is under way, until when the previous secret still signs.' })
  previous_secret_expires_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

/** The answer of creation and rotation, the only ones that show the signing secret. */
export class WebhookEndpointWithSecretDto extends WebhookEndpointDto implements WebhookEndpointWithSecret {
  @ApiProperty({ example: 'whsec_…', description: 'The signing secret: shown only in this response.' })
  secret!: string;
}

export class WebhookEndpointListDto extends ListPageDto(WebhookEndpointDto) {}
