import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** API.md "Pagination": `?limit=` 1–100 (default 10), exclusive `starting_after` / `ending_before` ids. */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;

  @ApiPropertyOptional({ description: 'Return items after (older than) this id.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  starting_after?: string;

  @ApiPropertyOptional({ description: 'Return items before (newer than) this id.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ending_before?: string;
}

/** The list envelope of every paginated route. */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}
