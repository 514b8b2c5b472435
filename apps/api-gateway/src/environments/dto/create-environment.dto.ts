import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { EnvironmentType } from '@mintfax/db';
import { Trim } from '../../common/trim.decorator';
import { ENVIRONMENT_TYPES } from './environment.dto';
import { EnvironmentSettingsDto } from './environment-settings.dto';

export class CreateEnvironmentDto extends EnvironmentSettingsDto {
  @ApiProperty({ example: 'Production', maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ENVIRONMENT_TYPES, description: 'Fixed for life. A live environment may be created before activation.' })
  @IsIn(ENVIRONMENT_TYPES)
  type!: EnvironmentType;
}
