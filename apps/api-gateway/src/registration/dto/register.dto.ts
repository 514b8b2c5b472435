import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/trim.decorator';

export class RegisterDto {
  @ApiProperty({ example: 'Acme Corp', maxLength: 200, description: 'The account name.' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'dev@acme.com', maxLength: 254 })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class RegistrationStartedDto {
  @ApiProperty({ enum: ['code_sent'], description: 'Said for every email, registered or not.' })
  status!: 'code_sent';

  @ApiProperty({ example: 600, description: 'Seconds the code stays valid.' })
  expires_in!: number;
}
