import { ApiProperty } from '@nestjs/swagger';
import type { EnvironmentType } from '@mintfax/db';
import type { PoolBalance } from '@mintfax/ledger';

export class AutoTopUpDto {
  @ApiProperty({ description: 'Whether the crossing of the threshold buys the package.' })
  enabled!: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'starter', description: 'The package of CREDIT_PACKAGES it buys.' })
  package_id!: string | null;
}

/** A pool as GET /v1/account/balance shows it, and as balance events carry it in `data.object`. */
export class PoolBalanceDto implements PoolBalance {
  @ApiProperty({ enum: ['sandbox', 'live'] })
  type!: EnvironmentType;

  @ApiProperty({ description: 'Credits in the pool.' })
  balance!: number;

  @ApiProperty({ description: 'Credits held for faxes in flight.' })
  held!: number;

  @ApiProperty({ description: 'balance − held: what new faxes can use.' })
  available!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'balance.low (and the automatic top-up) when a movement takes `available` below it; 20% of the last purchase until set; null: never.',
  })
  low_balance_threshold!: number | null;

  @ApiProperty({ type: () => AutoTopUpDto })
  auto_top_up!: AutoTopUpDto;
}

export class AccountBalanceDto {
  @ApiProperty({ type: [PoolBalanceDto], description: 'Both pools, sandbox first.' })
  pools!: PoolBalanceDto[];
}
