import { IsEmail, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { Trim } from '../../common/trim';

export const CODE_SHAPE = /^[0-9]{6}$/;
export const CODE_MESSAGE = 'code must be the 6 digits from the email';

export class EmailDto {
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class RegisterDto extends EmailDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class VerifyCodeDto extends EmailDto {
  @Trim()
  @Matches(CODE_SHAPE, { message: CODE_MESSAGE })
  code!: string;
}
