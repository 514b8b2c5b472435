import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { FaxStatus } from '@mintfax/db';
import { ListQuery } from '../common/list-query';

const FAX_STATUSES: readonly FaxStatus[] = ['queued', 'submitted', 'in_progress', 'delivered', 'failed'];

export class ListFaxesQuery extends ListQuery {
  @IsOptional()
  @IsIn(FAX_STATUSES, { message: `status must be one of: ${FAX_STATUSES.join(', ')}` })
  status?: FaxStatus;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  tag?: string;
}
