import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { getEnvironment } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { getPool } from '@mintfax/ledger';
import { Auth, type OperationalAuth } from '../auth/auth-context';
import { OperationalRoute } from '../auth/route-surface';
import { PoolBalanceDto } from '../accounts/dto/balance.dto';
import { EnvironmentDto, toEnvironmentDto } from './dto/environment.dto';

/** The environment of the calling environment key. */
@ApiTags('environment')
@OperationalRoute()
@Controller('v1/environment')
export class EnvironmentController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @ApiOperation({ summary: "The key's environment and its settings." })
  @ApiOkResponse({ type: EnvironmentDto })
  async get(@Auth() auth: OperationalAuth): Promise<EnvironmentDto> {
    return toEnvironmentDto(await getEnvironment(this.prisma, { accountId: auth.accountId, environmentId: auth.environmentId }));
  }

  @Get('balance')
  @ApiOperation({ summary: "The credit pool of the key's type (sandbox or live)." })
  @ApiOkResponse({ type: PoolBalanceDto })
  balance(@Auth() auth: OperationalAuth): Promise<PoolBalanceDto> {
    return getPool(this.prisma, auth.accountId, auth.environmentType);
  }
}
