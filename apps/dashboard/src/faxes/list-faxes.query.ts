import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FaxStatus } from '@mintfax/db';

const FAX_STATUSES: readonly FaxStatus[] = ['queued', 'submitted', 'in_progress', 'delivered', 'failed'];

export class ListFaxesQuery {
  @IsOptional()
  @IsIn(FAX_STATUSES, { message: `status must be one of: ${FAX_STATUSES.join(', ')}` })
  status?: FaxStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  starting_after?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  ending_before?: string;
}
