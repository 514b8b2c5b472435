import { ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { EVENT_TYPES } from '@mintfax/events';
import { Trim } from '../common/trim';

/** What an endpoint may subscribe to, as the API accepts it: event types, or "*" for all. */
export const SUBSCRIBABLE = ['*', ...EVENT_TYPES] as const;
const SUBSCRIBABLE_MESSAGE = `each of events must be "*" or one of: ${EVENT_TYPES.join(', ')}`;

export class CreateWebhookDto {
  @Trim()
  @IsString()
  @MaxLength(2048)
  url!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE, { each: true, message: SUBSCRIBABLE_MESSAGE })
  events!: string[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE, { each: true, message: SUBSCRIBABLE_MESSAGE })
  events?: string[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ValidateIf((dto: UpdateWebhookDto) => dto.description !== null && dto.description !== undefined)
  @IsString()
  @MaxLength(500)
  description?: string | null;
}
