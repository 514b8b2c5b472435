import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { PoolSettingsChange } from '@mintfax/ledger';

/** A credit amount a threshold can take, within what credits can be (BIGINT shown as a JSON number). */
const MAX_THRESHOLD = 1_000_000_000_000;

export class AutoTopUpChangeDto {
  @ApiPropertyOptional({ description: 'Turn the automatic top-up on or off. On the live pool it needs a card saved by a credit purchase.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'starter', description: 'The package of CREDIT_PACKAGES to buy.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  package_id?: string;
}

/** `PATCH /v1/account/pools/{type}`: the fields sent change, the others stay. */
export class UpdatePoolDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: MAX_THRESHOLD,
    description: 'Credits; null turns the warning and the automatic top-up off.',
  })
  // Null is a value here (off), so only a missing field is skipped.
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_THRESHOLD)
  low_balance_threshold?: number | null;

  @ApiPropertyOptional({ type: () => AutoTopUpChangeDto })
  @ValidateIf((_, value) => value !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => AutoTopUpChangeDto)
  auto_top_up?: AutoTopUpChangeDto;
}

export function poolSettingsChangeOf(dto: UpdatePoolDto): PoolSettingsChange {
  return {
    ...(dto.low_balance_threshold !== undefined && { lowBalanceThreshold: dto.low_balance_threshold }),
    ...(dto.auto_top_up && { autoTopUp: { enabled: dto.auto_top_up.enabled, packageId: dto.auto_top_up.package_id } }),
  };
}
