import { Injectable } from '@nestjs/common';
import { getAccount } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { getBalances, listTransactions } from '@mintfax/ledger';
import type { ListPage } from '../common/list-query.dto';
import type { AccountDto } from './dto/account.dto';
import type { AccountBalanceDto } from './dto/balance.dto';
import type { TransactionDto, TransactionsQueryDto } from './dto/transactions.dto';

@Injectable()
export class AccountsService {
  constructor(private readonly prisma: PrismaService) {}

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
