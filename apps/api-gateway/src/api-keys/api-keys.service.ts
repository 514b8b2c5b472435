import { Injectable } from '@nestjs/common';
import { listApiKeys, mintApiKey, revokeApiKey, toApiKeyObject } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import type { ListPage } from '../common/list-query.dto';
import type { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';

@Injectable()
export class ApiKeysService {
  constructor(private readonly prisma: PrismaService) {}

  async list(accountId: string): Promise<ListPage<ApiKeyDto>> {
    const keys = await listApiKeys(this.prisma, accountId);
    return { object: 'list', data: keys.map(toApiKeyObject), has_more: false };
  }

  async mint(accountId: string, body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { secret, ...key } = await mintApiKey(this.prisma, {
      accountId,
      name: body.name,
      kind: body.scope_kind,
      environmentId: body.environment_id,
    });
    return { ...toApiKeyObject(key), key: secret };
  }

  revoke(accountId: string, keyId: string): Promise<void> {
    return revokeApiKey(this.prisma, { accountId, keyId });
  }
}
