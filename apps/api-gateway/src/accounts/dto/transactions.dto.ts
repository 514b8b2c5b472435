import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { EnvironmentType, LedgerEntryType } from '@mintfax/db';
import { ListPageDto } from '../../common/list-page.dto';
import { ListQueryDto } from '../../common/list-query.dto';

const POOLS = ['sandbox', 'live'] as const satisfies readonly EnvironmentType[];
const ENTRY_TYPES = [
  'purchase',
  'hold',
  'capture',
  'release',
  'sandbox_grant',
  'sandbox_reset',
  'sandbox_topup',
  'adjustment',
] as const satisfies readonly LedgerEntryType[];

export class TransactionsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: POOLS, description: 'Only this pool.' })
  @IsOptional()
  @IsIn(POOLS)
  pool?: EnvironmentType;
}

export class TransactionDto {
  @ApiProperty({ example: 'txn_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ enum: POOLS })
  pool!: EnvironmentType;

  @ApiProperty({ enum: ENTRY_TYPES })
  type!: LedgerEntryType;

  @ApiProperty({ description: 'Change to the balance; for hold and release, the change to the available credit.' })
  amount!: number;

  @ApiProperty()
  balance_after!: number;

  @ApiProperty()
  available_after!: number;

  @ApiProperty({ type: String, nullable: true })
  fax_id!: string | null;

  @ApiProperty({ type: String, nullable: true })
  payment_id!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class TransactionListDto extends ListPageDto(TransactionDto) {}
