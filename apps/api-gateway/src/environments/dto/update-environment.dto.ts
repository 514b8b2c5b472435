import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/trim.decorator';
import { EnvironmentSettingsDto } from './environment-settings.dto';

/** `PATCH`: the name and settings; sending `type` is refused, as an environment's type is fixed for life. */
export class UpdateEnvironmentDto extends EnvironmentSettingsDto {
  @ApiPropertyOptional({ example: 'Production', maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;
}
