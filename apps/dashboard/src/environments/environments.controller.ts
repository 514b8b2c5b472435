import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { createEnvironment, listEnvironments, settingsOf, toEnvironmentObject, updateEnvironment, type EnvironmentObject } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { Session, type DashboardSession } from '../session/session.decorators';
import { CreateEnvironmentDto, UpdateEnvironmentDto } from './environment.dto';

@Controller('api/environments')
export class EnvironmentsController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  async list(@Session() session: DashboardSession): Promise<EnvironmentObject[]> {
    return (await listEnvironments(this.prisma, session.accountId)).map(toEnvironmentObject);
  }

  /** A live environment may be created before activation; its keys work once the account is activated. */
  @Post()
  async create(@Session() session: DashboardSession, @Body() body: CreateEnvironmentDto): Promise<EnvironmentObject> {
    const environment = await createEnvironment(this.prisma, { accountId: session.accountId, name: body.name, type: body.type, settings: settingsOf(body) });
    return toEnvironmentObject(environment);
  }

  @Patch(':id')
  async update(@Session() session: DashboardSession, @Param('id') id: string, @Body() body: UpdateEnvironmentDto): Promise<EnvironmentObject> {
    const changes = { ...settingsOf(body), ...(body.name != null && { name: body.name }) };
    return toEnvironmentObject(await updateEnvironment(this.prisma, { accountId: session.accountId, environmentId: id, changes }));
  }
}
