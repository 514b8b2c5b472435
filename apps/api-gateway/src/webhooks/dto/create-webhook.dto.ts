import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EVENT_TYPES } from '@mintfax/events';
import { Trim } from '../../common/trim.decorator';

/** What an endpoint may subscribe to: event types, or "*" for all of them. */
export const SUBSCRIBABLE = ['*', ...EVENT_TYPES] as const;
const SUBSCRIBABLE_MESSAGE = `each of events must be "*" or one of: ${EVENT_TYPES.join(', ')}`;

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://example.com/mintfax/webhooks', maxLength: 2048 })
  @Trim()
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ type: [String], enum: SUBSCRIBABLE, example: ['fax.delivered', 'fax.failed'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE, { each: true, message: SUBSCRIBABLE_MESSAGE })
  events!: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
