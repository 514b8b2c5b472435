import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type OperationalAuth } from '../auth/auth-context';
import { OperationalRoute } from '../auth/route-surface';
import { PoolBalanceDto } from '../accounts/dto/balance.dto';
import { EnvironmentDto } from './dto/environment.dto';
import { EnvironmentsService } from './environments.service';

/** `/v1/environment`: the environment of the calling environment key. */
@ApiTags('environment')
@OperationalRoute()
@Controller('v1/environment')
export class CurrentEnvironmentController {
  constructor(private readonly environments: EnvironmentsService) {}

  @Get()
  @ApiOperation({ summary: "The key's environment and its settings." })
  @ApiOkResponse({ type: EnvironmentDto })
  get(@Auth() auth: OperationalAuth): Promise<EnvironmentDto> {
    return this.environments.current(auth);
  }

  @Get('balance')
  @ApiOperation({ summary: "The credit pool of the key's type (sandbox or live)." })
  @ApiOkResponse({ type: PoolBalanceDto })
  balance(@Auth() auth: OperationalAuth): Promise<PoolBalanceDto> {
    return this.environments.currentBalance(auth);
  }
}
