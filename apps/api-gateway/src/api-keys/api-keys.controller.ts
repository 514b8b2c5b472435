import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listApiKeys, mintApiKey, revokeApiKey } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { Auth, type AuthContext } from '../auth/auth-context';
import { AccountRoute } from '../auth/route-surface';
import type { ListPage } from '../common/list-query.dto';
import { ApiKeyDto, ApiKeyListDto, CreatedApiKeyDto, toApiKeyDto } from './dto/api-key.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('account')
@AccountRoute()
@Controller('v1/account/keys')
export class ApiKeysController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @ApiOperation({ summary: 'Every key of the account, revoked ones included; never a secret.' })
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(@Auth() auth: AuthContext): Promise<ListPage<ApiKeyDto>> {
    const keys = await listApiKeys(this.prisma, auth.accountId);
    return { object: 'list', data: keys.map(toApiKeyDto), has_more: false };
  }

  @Post()
  @ApiOperation({ summary: 'Mint a test or live key; its plain text is in this response only.' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(@Auth() auth: AuthContext, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { secret, ...key } = await mintApiKey(this.prisma, {
      accountId: auth.accountId,
      name: body.name,
      kind: body.scope_kind,
      environmentId: body.environment_id,
    });
    return { ...toApiKeyDto(key), key: secret };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a test or live key, effective on its next request.' })
  @ApiNoContentResponse()
  async revoke(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await revokeApiKey(this.prisma, { accountId: auth.accountId, keyId: id });
  }
}
