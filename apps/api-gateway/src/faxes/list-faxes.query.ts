import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { FaxStatus } from '@mintfax/db';
import { ListQueryDto } from '../common/list-query.dto';

const FAX_STATUSES: readonly FaxStatus[] = ['queued', 'submitted', 'in_progress', 'delivered', 'failed'];

export class ListFaxesQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: FAX_STATUSES })
  @IsOptional()
  @IsIn(FAX_STATUSES, { message: `status must be one of: ${FAX_STATUSES.join(', ')}` })
  status?: FaxStatus;
  @ApiPropertyOptional({ maxLength: 64, description: 'Only faxes carrying this tag.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  tag?: string;
}
