import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { PageQuery } from '@mintfax/db';

/** docs/api/README.md "Pagination", for the dashboard's lists: `limit` 1–100 (20 by default) and the exclusive cursors. */
export class ListQuery implements PageQuery {
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
