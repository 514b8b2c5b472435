import { ApiProperty } from '@nestjs/swagger';
import type { EnvironmentType } from '@mintfax/db';

export class PoolBalanceDto {
  @ApiProperty({ enum: ['sandbox', 'live'] })
  type!: EnvironmentType;

  @ApiProperty({ description: 'Credits in the pool.' })
  balance!: number;

  @ApiProperty({ description: 'Credits held for faxes in flight.' })
  held!: number;

  @ApiProperty({ description: 'balance − held: what new faxes can use.' })
  available!: number;
}

export class AccountBalanceDto {
  @ApiProperty({ type: [PoolBalanceDto], description: 'Both pools, sandbox first.' })
  pools!: PoolBalanceDto[];
}
