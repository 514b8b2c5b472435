import { IsIn, IsOptional } from 'class-validator';
import type { EnvironmentType } from '@mintfax/db';
import { ListQuery } from '../common/list-query';

export class TransactionsQuery extends ListQuery {
  @IsOptional()
  @IsIn(['sandbox', 'live'])
  pool?: EnvironmentType;
}
