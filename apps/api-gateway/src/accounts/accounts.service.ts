import { Inject, Injectable } from '@nestjs/common';
import { getAccount } from '@mintfax/accounts';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { PrismaService, type EnvironmentType } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { getBalances, listTransactions } from '@mintfax/ledger';
import { changePoolSettings } from '@mintfax/top-ups';
import type { ListPage } from '../common/list-query.dto';
import type { AccountDto } from './dto/account.dto';
import type { AccountBalanceDto, PoolBalanceDto } from './dto/balance.dto';
import type { TransactionDto, TransactionsQueryDto } from './dto/transactions.dto';
import { poolSettingsChangeOf, type UpdatePoolDto } from './dto/update-pool.dto';

const isPoolType = (type: string): type is EnvironmentType => type === 'sandbox' || type === 'live';

@Injectable()
export class AccountsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async get(accountId: string): Promise<AccountDto> {
    const account = await getAccount(this.prisma, accountId);
    return {
      id: account.id,
      name: account.name,
      activated_at: account.activatedAt?.toISOString() ?? null,
      created_at: account.createdAt.toISOString(),
    };
  }

  async balance(accountId: string): Promise<AccountBalanceDto> {
    return { pools: await getBalances(this.prisma, accountId) };
  }

  async updatePool(accountId: string, type: string, body: UpdatePoolDto): Promise<PoolBalanceDto> {
    if (!isPoolType(type)) throw new ApiError('not_found', undefined, `No pool "${type}"; an account has a sandbox and a live pool.`);
    return changePoolSettings(this.prisma, { accountId, type }, poolSettingsChangeOf(body), this.config.creditPackages);
  }

  async transactions(accountId: string, query: TransactionsQueryDto): Promise<ListPage<TransactionDto>> {
    return listTransactions(this.prisma, {
      accountId,
      pool: query.pool,
      limit: query.limit,
      startingAfter: query.starting_after,
      endingBefore: query.ending_before,
    });
  }
}
