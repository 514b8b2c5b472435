import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { KeyKind } from '@mintfax/db';
import { Trim } from '../../common/trim.decorator';

const KEY_KINDS = ['test', 'live', 'account'] as const satisfies readonly KeyKind[];

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CI pipeline', maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: KEY_KINDS, description: '`account` keys are minted in the dashboard only (403).' })
  @IsIn(KEY_KINDS)
  scope_kind!: KeyKind;

  @ApiPropertyOptional({ description: 'Required for test (a sandbox environment) and live (a live environment) keys.' })
  // An account key names no environment; it is refused as dashboard-only, not as a bad body.
  @ValidateIf((dto: CreateApiKeyDto) => dto.scope_kind !== 'account')
  @IsString()
  @IsNotEmpty()
  environment_id?: string;
}
