import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { EVENT_TYPES } from '@mintfax/events';
import { Trim } from '../../common/trim.decorator';
import { SUBSCRIBABLE } from './create-webhook.dto';

/** `PATCH`: only the fields sent change; `description: null` clears it. */
export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2048 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ type: [String], enum: SUBSCRIBABLE })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE, { each: true, message: `each of events must be "*" or one of: ${EVENT_TYPES.join(', ')}` })
  events?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @ValidateIf((dto: UpdateWebhookDto) => dto.description !== null && dto.description !== undefined)
  @IsString()
  @MaxLength(500)
  description?: string | null;
}
