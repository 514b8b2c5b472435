import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { EnvironmentType } from '@mintfax/db';
import { Trim } from '../common/trim';

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
