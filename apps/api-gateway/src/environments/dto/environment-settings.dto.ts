import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CoverTemplate, PageSize } from '@mintfax/db';
import { Trim } from '../../common/trim.decorator';

export const PAGE_SIZES = Object.values(PageSize);
export const COVER_TEMPLATES = Object.values(CoverTemplate);
const E164 = /^\+[1-9]\d{6,14}$/;

/** Who sends, as cover pages print it; each field may be cleared with null. */
export class SenderDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'Dr. Jane Roe' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Trim()
  @IsString()
  @MaxLength(100)
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'Acme Clinic' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Trim()
  @IsString()
  @MaxLength(100)
  company?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+15005550123', description: 'E.164.' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @Matches(E164, { message: 'fax must be a phone number in E.164 format, e.g. +15005550123' })
  fax?: string | null;
}

/** The settings of an environment, each optional: the database keeps its defaults for the rest. */
export class EnvironmentSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, default: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  retention_days?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  zero_footprint?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  max_attempts?: number;

  @ApiPropertyOptional({ enum: PAGE_SIZES, default: 'letter', description: 'Page size of fax-ready documents when a fax names none.' })
  @IsOptional()
  @IsIn(PAGE_SIZES)
  page_size?: PageSize;

  @ApiPropertyOptional({ enum: COVER_TEMPLATES, default: 'none', description: 'The cover page a fax gets when it names none.' })
  @IsOptional()
  @IsIn(COVER_TEMPLATES)
  cover_page?: CoverTemplate;

  @ApiPropertyOptional({ type: () => SenderDto, description: 'Printed on cover pages. Fields not sent are kept.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SenderDto)
  sender?: SenderDto;
}
