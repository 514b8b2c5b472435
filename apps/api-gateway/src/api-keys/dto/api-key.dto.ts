import { ApiProperty } from '@nestjs/swagger';
import type { ApiKeyObject } from '@mintfax/accounts';
import type { KeyKind } from '@mintfax/db';
import { ListPageDto } from '../../common/list-page.dto';

const KEY_KINDS = ['test', 'live', 'account'] as const satisfies readonly KeyKind[];

/** A key as listed: never its secret. */
export class ApiKeyDto implements ApiKeyObject {
  @ApiProperty({ example: 'key_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ example: 'CI pipeline' })
  name!: string;

  @ApiProperty({ enum: KEY_KINDS })
  scope_kind!: KeyKind;

  @ApiProperty({ type: String, nullable: true, description: 'Null for account keys.' })
  environment_id!: string | null;

  @ApiProperty({ example: 'x9Qa', description: 'The last 4 characters of the key.' })
  last4!: string;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Updated at most once a minute.' })
  last_used_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revoked_at!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ example: 'mfx_test_…', description: 'The key in plain text: shown only in this response.' })
  key!: string;
}

export class ApiKeyListDto extends ListPageDto(ApiKeyDto, 'Always false: every key is listed.') {}
