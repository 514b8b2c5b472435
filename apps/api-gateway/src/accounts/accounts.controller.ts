import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { AccountRoute } from '../auth/route-surface';
import type { ListPage } from '../common/list-query.dto';
import { AccountsService } from './accounts.service';
import { AccountDto } from './dto/account.dto';
import { AccountBalanceDto, PoolBalanceDto } from './dto/balance.dto';
import { UpdatePoolDto } from './dto/update-pool.dto';
import { TransactionDto, TransactionListDto, TransactionsQueryDto } from './dto/transactions.dto';

@ApiTags('account')
@AccountRoute()
@Controller('v1/account')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'The account of the key.' })
  @ApiOkResponse({ type: AccountDto })
  get(@Auth() auth: AuthContext): Promise<AccountDto> {
    return this.accounts.get(auth.accountId);
  }

  @Get('balance')
  @ApiOperation({ summary: 'Both credit pools of the account.' })
  @ApiOkResponse({ type: AccountBalanceDto })
  balance(@Auth() auth: AuthContext): Promise<AccountBalanceDto> {
    return this.accounts.balance(auth.accountId);
  }

  @Patch('pools/:type')
  @ApiOperation({ summary: "Change a pool's low-balance threshold and automatic top-up." })
  @ApiParam({ name: 'type', enum: ['sandbox', 'live'] })
  @ApiOkResponse({ type: PoolBalanceDto })
  updatePool(@Auth() auth: AuthContext, @Param('type') type: string, @Body() body: UpdatePoolDto): Promise<PoolBalanceDto> {
    return this.accounts.updatePool(auth.accountId, type, body);
  }

  @Get('transactions')
  @ApiOperation({ summary: 'The ledger of both pools, newest first.' })
  @ApiOkResponse({ type: TransactionListDto })
  transactions(@Auth() auth: AuthContext, @Query() query: TransactionsQueryDto): Promise<ListPage<TransactionDto>> {
    return this.accounts.transactions(auth.accountId, query);
  }
}
