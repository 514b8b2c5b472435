import { Body, Controller, Get, HttpCode, Ip, Param, Post } from '@nestjs/common';
import { Session, type DashboardSession } from '../session/session.decorators';
import type { ApiKeyObject } from '@mintfax/accounts';
import { CreateAccountKeyDto, CreateKeyDto, StepUpCodeDto } from './key.dto';
import { KeysService, type CreatedKeyObject } from './keys.service';

@Controller('api')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  /** Every key of the account, revoked ones included, with when each was last used; never a secret. */
  @Get('keys')
  list(@Session() session: DashboardSession): Promise<ApiKeyObject[]> {
    return this.keys.list(session.accountId);
  }

  @Post('keys')
  create(@Session() session: DashboardSession, @Body() body: CreateKeyDto): Promise<CreatedKeyObject> {
    return this.keys.create(session.accountId, body);
  }

  /** The contract's "dashboard only": an account key, confirmed by a step-up code mailed within 5 minutes. */
  @Post('account-keys')
  createAccountKey(@Session() session: DashboardSession, @Body() body: CreateAccountKeyDto, @Ip() ip: string): Promise<CreatedKeyObject> {
    return this.keys.createAccountKey(session, body.name, body.code, ip);
  }

  @Post('keys/:id/revoke')
  @HttpCode(204)
  revoke(@Session() session: DashboardSession, @Param('id') id: string, @Body() body: StepUpCodeDto, @Ip() ip: string): Promise<void> {
    return this.keys.revoke(session, id, body.code, ip);
  }
}
