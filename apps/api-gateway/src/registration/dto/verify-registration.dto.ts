import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, Matches, MaxLength } from 'class-validator';
import type { EnvironmentType } from '@mintfax/db';
import { Trim } from '../../common/trim.decorator';

export class VerifyRegistrationDto {
  @ApiProperty({ example: 'dev@acme.com' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: '042917', pattern: '^[0-9]{6}$', description: 'The 6-digit code from the email.' })
  @Trim()
  @Matches(/^[0-9]{6}$/, { message: 'code must be the 6 digits from the email' })
  code!: string;
}

class RegisteredAccountDto {
  @ApiProperty({ example: 'acct_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ example: 'Acme Corp' })
  name!: string;
}

class RegisteredUserDto {
  @ApiProperty({ example: 42 })
  id!: number;

  @ApiProperty({ example: 'dev@acme.com' })
  email!: string;
}

class RegisteredEnvironmentDto {
  @ApiProperty({ example: 'env_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ example: 'Sandbox' })
  name!: string;

  @ApiProperty({ enum: ['sandbox', 'live'] })
  type!: EnvironmentType;
}

/** docs/api/authentication.md "Registration": the 201 of verification, with both keys in plain text this once. */
export class RegistrationDto {
  @ApiProperty({ type: RegisteredAccountDto })
  account!: RegisteredAccountDto;

  @ApiProperty({ type: RegisteredUserDto })
  user!: RegisteredUserDto;

  @ApiProperty({ type: RegisteredEnvironmentDto })
  environment!: RegisteredEnvironmentDto;

  @ApiProperty({ example: 'mfx_test_…', description: 'The sandbox key; shown only now.' })
  api_key!: string;

  @ApiProperty({ example: 'mfx_acct_…', description: 'The account key; shown only now.' })
  api_key_account!: string;
}
