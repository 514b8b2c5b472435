import { ApiProperty } from '@nestjs/swagger';
import type { EnvironmentObject } from '@mintfax/accounts';
import type { CoverTemplate, EnvironmentType, PageSize } from '@mintfax/db';
import { ListPageDto } from '../../common/list-page.dto';
import { COVER_TEMPLATES, PAGE_SIZES } from './environment-settings.dto';

export const ENVIRONMENT_TYPES = ['sandbox', 'live'] as const satisfies readonly EnvironmentType[];

export class SenderObjectDto {
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true })
  company!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'E.164.' })
  fax!: string | null;
}

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

  @ApiProperty({ enum: PAGE_SIZES, example: 'letter', description: 'Page size of fax-ready documents when a fax names none.' })
  page_size!: PageSize;

  @ApiProperty({ enum: COVER_TEMPLATES, example: 'none', description: 'The cover page a fax gets when it names none.' })
  cover_page!: CoverTemplate;

  @ApiProperty({ type: () => SenderObjectDto, description: 'Printed on cover pages.' })
  sender!: SenderObjectDto;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class EnvironmentListDto extends ListPageDto(EnvironmentDto, 'Always false: every environment is listed.') {}
