import { Inject, Injectable } from '@nestjs/common';
import { getAccount } from '@mintfax/accounts';
import { APP_CONFIG, type DashboardConfig } from '@mintfax/config';
import { PrismaService, type EnvironmentType, type ListPage, type PageQuery } from '@mintfax/db';
import { lowBalanceEventsSql } from '@mintfax/events';
import { getBalances, getPool, listTransactions, sandboxReset, type LedgerEntryView, type PoolBalance } from '@mintfax/ledger';

export interface AccountObject {
  id: string;
  name: string;
  activated_at: string | null;
  created_at: string;
  pools: PoolBalance[];
}

@Injectable()
export class AccountService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: DashboardConfig,
  ) {}

  async get(accountId: string): Promise<AccountObject> {
    const [account, pools] = await Promise.all([getAccount(this.prisma, accountId), getBalances(this.prisma, accountId)]);
    return {
      id: account.id,
      name: account.name,
      activated_at: account.activatedAt?.toISOString() ?? null,
      created_at: account.createdAt.toISOString(),
      pools,
    };
  }

  transactions(accountId: string, query: PageQuery & { pool?: EnvironmentType }): Promise<ListPage<LedgerEntryView>> {
    return listTransactions(this.prisma, { accountId, pool: query.pool, limit: query.limit, startingAfter: query.starting_after, endingBefore: query.ending_before });
  }

  /** docs/api/sandbox.md: the sandbox pool's available credit back to the grant; faxes in flight keep their holds. */
  async resetSandbox(accountId: string): Promise<PoolBalance> {
    await sandboxReset(this.prisma, { accountId, grant: this.config.sandboxGrant }, lowBalanceEventsSql);
    return getPool(this.prisma, accountId, 'sandbox');
  }
}
