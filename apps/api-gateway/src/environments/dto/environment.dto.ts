import { ApiProperty } from '@nestjs/swagger';
import type { EnvironmentObject } from '@mintfax/accounts';
import type { EnvironmentType } from '@mintfax/db';
import { ListPageDto } from '../../common/list-page.dto';

export const ENVIRONMENT_TYPES = ['sandbox', 'live'] as const satisfies readonly EnvironmentType[];

/** An environment with its settings, flat, in the same names the create and update bodies use. */
export class EnvironmentDto implements EnvironmentObject {
  @ApiProperty({ example: 'env_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ example: 'Production' })
  name!: string;

  @ApiProperty({ enum: ENVIRONMENT_TYPES, description: 'Fixed for life.' })
  type!: EnvironmentType;

  @ApiProperty({ minimum: 1, maximum: 3650, example: 30, description: 'Days before fax documents are purged.' })
  retention_days!: number;

  @ApiProperty({ example: false, description: 'Purge documents as soon as each fax is final.' })
  zero_footprint!: boolean;

  @ApiProperty({ minimum: 1, maximum: 10, example: 3, description: 'Default delivery attempts per fax.' })
  max_attempts!: number;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class EnvironmentListDto extends ListPageDto(EnvironmentDto, 'Always false: every environment is listed.') {}
