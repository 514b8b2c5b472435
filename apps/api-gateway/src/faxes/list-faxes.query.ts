import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FaxStatus } from '@mintfax/db';
import { ListQueryDto } from '../common/list-query.dto';

const FAX_STATUSES: readonly FaxStatus[] = ['queued', 'submitted', 'in_progress', 'delivered', 'failed'];

export class ListFaxesQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: FAX_STATUSES })
  @IsOptional()
  @IsIn(FAX_STATUSES, { message: `status must be one of: ${FAX_STATUSES.join(', ')}` })
  status?: FaxStatus;
}
