import { Injectable } from '@nestjs/common';
import { createEnvironment, getEnvironment, listEnvironments, settingsOf, toEnvironmentObject, updateEnvironment } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { getPool } from '@mintfax/ledger';
import type { OperationalAuth } from '../auth/auth-context';
import type { PoolBalanceDto } from '../accounts/dto/balance.dto';
import type { ListPage } from '../common/list-query.dto';
import type { CreateEnvironmentDto } from './dto/create-environment.dto';
import type { EnvironmentDto } from './dto/environment.dto';
import type { UpdateEnvironmentDto } from './dto/update-environment.dto';

/** Environments as the account manages them, and the one an environment key belongs to. */
@Injectable()
export class EnvironmentsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(accountId: string): Promise<ListPage<EnvironmentDto>> {
    const environments = await listEnvironments(this.prisma, accountId);
    return { object: 'list', data: environments.map(toEnvironmentObject), has_more: false };
  }

  async create(accountId: string, body: CreateEnvironmentDto): Promise<EnvironmentDto> {
    const environment = await createEnvironment(this.prisma, { accountId, name: body.name, type: body.type, settings: settingsOf(body) });
    return toEnvironmentObject(environment);
  }

  async update(accountId: string, environmentId: string, body: UpdateEnvironmentDto): Promise<EnvironmentDto> {
    const environment = await updateEnvironment(this.prisma, {
      accountId,
      environmentId,
      changes: { ...settingsOf(body), ...(body.name != null && { name: body.name }) },
    });
    return toEnvironmentObject(environment);
  }

  async current(auth: OperationalAuth): Promise<EnvironmentDto> {
    return toEnvironmentObject(await getEnvironment(this.prisma, { accountId: auth.accountId, environmentId: auth.environmentId }));
  }

  currentBalance(auth: OperationalAuth): Promise<PoolBalanceDto> {
    return getPool(this.prisma, auth.accountId, auth.environmentType);
  }
}
