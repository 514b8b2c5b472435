import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { AccountRoute } from '../auth/route-surface';
import type { ListPage } from '../common/list-query.dto';
import { CreateEnvironmentDto } from './dto/create-environment.dto';
import { EnvironmentDto, EnvironmentListDto } from './dto/environment.dto';
import { UpdateEnvironmentDto } from './dto/update-environment.dto';
import { EnvironmentsService } from './environments.service';

/** `/v1/account/environments`: the account's environments, managed with the account key. */
@ApiTags('account')
@AccountRoute()
@Controller('v1/account/environments')
export class AccountEnvironmentsController {
  constructor(private readonly environments: EnvironmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Every environment of the account with its settings.' })
  @ApiOkResponse({ type: EnvironmentListDto })
  list(@Auth() auth: AuthContext): Promise<ListPage<EnvironmentDto>> {
    return this.environments.list(auth.accountId);
  }

  @Post()
  @ApiOperation({ summary: 'Create a sandbox or live environment.' })
  @ApiCreatedResponse({ type: EnvironmentDto })
  create(@Auth() auth: AuthContext, @Body() body: CreateEnvironmentDto): Promise<EnvironmentDto> {
    return this.environments.create(auth.accountId, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change an environment's name or settings; its type is fixed." })
  @ApiOkResponse({ type: EnvironmentDto })
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() body: UpdateEnvironmentDto): Promise<EnvironmentDto> {
    return this.environments.update(auth.accountId, id, body);
  }
}
