import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import type { ListPage } from '@mintfax/db';
import type { LedgerEntryView, PoolBalance } from '@mintfax/ledger';
import { Session, type DashboardSession } from '../session/session.decorators';
import { AccountService, type AccountObject } from './account.service';
import { TransactionsQuery } from './transactions.query';

@Controller('api')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  /** The account, its activation and both pools with their held credit. */
  @Get('account')
  get(@Session() session: DashboardSession): Promise<AccountObject> {
    return this.account.get(session.accountId);
  }

  @Get('transactions')
  transactions(@Session() session: DashboardSession, @Query() query: TransactionsQuery): Promise<ListPage<LedgerEntryView>> {
    return this.account.transactions(session.accountId, query);
  }

  @Post('sandbox/reset')
  @HttpCode(200)
  resetSandbox(@Session() session: DashboardSession): Promise<PoolBalance> {
    return this.account.resetSandbox(session.accountId);
  }
}
