import { ApiProperty } from '@nestjs/swagger';

export class AccountDto {
  @ApiProperty({ example: 'acct_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ example: 'Acme Corp' })
  name!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set by the first live credit purchase.' })
  activated_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}
