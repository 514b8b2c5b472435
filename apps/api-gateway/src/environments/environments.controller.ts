import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createEnvironment, listEnvironments, updateEnvironment } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { Auth, type AuthContext } from '../auth/auth-context';
import { AccountRoute } from '../auth/route-surface';
import type { ListPage } from '../common/list-query.dto';
import { CreateEnvironmentDto } from './dto/create-environment.dto';
import { EnvironmentDto, EnvironmentListDto, toEnvironmentDto } from './dto/environment.dto';
import { settingsOf } from './dto/environment-settings.dto';
import { UpdateEnvironmentDto } from './dto/update-environment.dto';

/** The account's environments, managed with the account key. */
@ApiTags('account')
@AccountRoute()
@Controller('v1/account/environments')
export class EnvironmentsController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @ApiOperation({ summary: 'Every environment of the account with its settings.' })
  @ApiOkResponse({ type: EnvironmentListDto })
  async list(@Auth() auth: AuthContext): Promise<ListPage<EnvironmentDto>> {
    const environments = await listEnvironments(this.prisma, auth.accountId);
    return { object: 'list', data: environments.map(toEnvironmentDto), has_more: false };
  }

  @Post()
  @ApiOperation({ summary: 'Create a sandbox or live environment.' })
  @ApiCreatedResponse({ type: EnvironmentDto })
  async create(@Auth() auth: AuthContext, @Body() body: CreateEnvironmentDto): Promise<EnvironmentDto> {
    const environment = await createEnvironment(this.prisma, {
      accountId: auth.accountId,
      name: body.name,
      type: body.type,
      settings: settingsOf(body),
    });
    return toEnvironmentDto(environment);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change an environment's name or settings; its type is fixed." })
  @ApiOkResponse({ type: EnvironmentDto })
  async update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() body: UpdateEnvironmentDto): Promise<EnvironmentDto> {
    const environment = await updateEnvironment(this.prisma, {
      accountId: auth.accountId,
      environmentId: id,
      changes: { ...settingsOf(body), ...(body.name != null && { name: body.name }) },
    });
    return toEnvironmentDto(environment);
  }
}
