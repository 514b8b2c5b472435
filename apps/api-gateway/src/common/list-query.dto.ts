import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { PageQuery } from '@mintfax/db';

/** docs/api/README.md "Pagination": `?limit=` 1–100 (default 10), exclusive `starting_after` / `ending_before` ids. */
export class ListQueryDto implements PageQuery {
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

/** The envelope lives beside the pagination helper; routes that list import it from here too. */
export type { ListPage } from '@mintfax/db';
