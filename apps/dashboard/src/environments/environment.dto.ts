import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CoverTemplate, PageSize, type EnvironmentType } from '@mintfax/db';
import { Trim } from '../common/trim';

const E164 = /^\+[1-9]\d{6,14}$/;

/** Who sends, as cover pages print it; a field sent as null is cleared. */
export class SenderDto {
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Trim()
  @IsString()
  @MaxLength(100)
  name?: string | null;

  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Trim()
  @IsString()
  @MaxLength(100)
  company?: string | null;

  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @Matches(E164, { message: 'fax must be a phone number in E.164 format, e.g. +15005550123' })
  fax?: string | null;
}

/** The same bounds as the API's environment settings (docs/api/routes.md); `settingsOf` reads them. */
export class EnvironmentSettingsDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  retention_days?: number;

  @IsOptional()
  @IsBoolean()
  zero_footprint?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  max_attempts?: number;

  @IsOptional()
  @IsIn(Object.values(PageSize))
  page_size?: PageSize;

  @IsOptional()
  @IsIn(Object.values(CoverTemplate))
  cover_page?: CoverTemplate;

  @IsOptional()
  @ValidateNested()
  @Type(() => SenderDto)
  sender?: SenderDto;
}

export class CreateEnvironmentDto extends EnvironmentSettingsDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @IsIn(['sandbox', 'live'])
  type!: EnvironmentType;
}

export class UpdateEnvironmentDto extends EnvironmentSettingsDto {
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;
}
