import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Trim } from '../common/trim';
import { CODE_MESSAGE, CODE_SHAPE } from '../sign-in/dto/sign-in.dto';

export class CreateKeyDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @IsIn(['test', 'live'], { message: 'scope_kind must be test or live; account keys are created with a confirmation code' })
  scope_kind!: 'test' | 'live';

  @IsString()
  @MaxLength(64)
  environment_id!: string;
}

/** A step-up code, when the change needs one; without it the change answers `step_up_required`. */
export class StepUpCodeDto {
  @IsOptional()
  @Trim()
  @Matches(CODE_SHAPE, { message: CODE_MESSAGE })
  code?: string;
}

export class CreateAccountKeyDto extends StepUpCodeDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}
