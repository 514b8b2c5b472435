import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { EnvironmentType } from '@mintfax/db';

export class TransactionsQuery {
  @IsOptional()
  @IsIn(['sandbox', 'live'])
  pool?: EnvironmentType;

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
}
