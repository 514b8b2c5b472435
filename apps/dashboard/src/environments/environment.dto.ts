import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { EnvironmentRow, EnvironmentSettings } from '@mintfax/accounts';
import type { EnvironmentType } from '@mintfax/db';
import { Trim } from '../common/trim';

/** The same bounds as the API's environment settings (docs/api/routes.md). */
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

export interface EnvironmentObject {
  id: string;
  name: string;
  type: EnvironmentType;
  retention_days: number;
  zero_footprint: boolean;
  max_attempts: number;
  created_at: string;
}

export function toEnvironmentObject(row: EnvironmentRow): EnvironmentObject {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    retention_days: row.retentionDays,
    zero_footprint: row.zeroFootprint,
    max_attempts: row.maxAttempts,
    created_at: row.createdAt.toISOString(),
  };
}

/** Only the settings that were sent. */
export function settingsOf(dto: EnvironmentSettingsDto): Partial<EnvironmentSettings> {
  return {
    ...(dto.retention_days != null && { retentionDays: dto.retention_days }),
    ...(dto.zero_footprint != null && { zeroFootprint: dto.zero_footprint }),
    ...(dto.max_attempts != null && { maxAttempts: dto.max_attempts }),
  };
}
