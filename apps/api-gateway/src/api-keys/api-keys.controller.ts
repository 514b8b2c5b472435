import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { AccountRoute } from '../auth/route-surface';
import type { ListPage } from '../common/list-query.dto';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, ApiKeyListDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('account')
@AccountRoute()
@Controller('v1/account/keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'Every key of the account, revoked ones included; never a secret.' })
  @ApiOkResponse({ type: ApiKeyListDto })
  list(@Auth() auth: AuthContext): Promise<ListPage<ApiKeyDto>> {
    return this.keys.list(auth.accountId);
  }

  @Post()
  @ApiOperation({ summary: 'Mint a test or live key; its plain text is in this response only.' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@Auth() auth: AuthContext, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.mint(auth.accountId, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a test or live key, effective on its next request.' })
  @ApiNoContentResponse()
  revoke(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.keys.revoke(auth.accountId, id);
  }
}
