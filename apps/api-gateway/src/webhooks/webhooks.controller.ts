import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  WebhooksService,
  type WebhookAttemptObject,
  type WebhookEndpointObject,
  type WebhookEndpointWithSecret,
  type WebhookRetryObject,
} from '@mintfax/events';
import { Auth, type OperationalAuth } from '../auth/auth-context';
import { OperationalRoute } from '../auth/route-surface';
import { ListQueryDto, type ListPage } from '../common/list-query.dto';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhookAttemptListDto, WebhookRetryDto } from './dto/webhook-attempt.dto';
import { WebhookEndpointDto, WebhookEndpointListDto, WebhookEndpointWithSecretDto } from './dto/webhook-endpoint.dto';

@ApiTags('webhooks')
@OperationalRoute()
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an endpoint; its signing secret is shown in this answer only.' })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  create(@Auth() auth: OperationalAuth, @Body() body: CreateWebhookDto): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.create(auth, body);
  }

  @Get()
  @ApiOperation({ summary: 'The endpoints of the environment, newest first; never their secrets.' })
  @ApiOkResponse({ type: WebhookEndpointListDto })
  list(@Auth() auth: OperationalAuth, @Query() query: ListQueryDto): Promise<ListPage<WebhookEndpointObject>> {
    return this.webhooks.list(auth, query);
  }

  // Declared before ':id' routes so that "attempts" is never read as an endpoint id.
  @Post('attempts/:id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Deliver the event of this attempt again, now, as a new attempt.' })
  @ApiAcceptedResponse({ type: WebhookRetryDto })
  retry(@Auth() auth: OperationalAuth, @Param('id') id: string): Promise<WebhookRetryObject> {
    return this.webhooks.retry(auth, id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One endpoint, without its secret.' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  get(@Auth() auth: OperationalAuth, @Param('id') id: string): Promise<WebhookEndpointObject> {
    return this.webhooks.get(auth, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change an endpoint's url, events, enabled flag or description." })
  @ApiOkResponse({ type: WebhookEndpointDto })
  update(@Auth() auth: OperationalAuth, @Param('id') id: string, @Body() body: UpdateWebhookDto): Promise<WebhookEndpointObject> {
    return this.webhooks.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint and its attempt log.' })
  @ApiNoContentResponse()
  async remove(@Auth() auth: OperationalAuth, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(auth, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown once; the old one keeps signing beside it for 24 h.' })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  rotateSecret(@Auth() auth: OperationalAuth, @Param('id') id: string): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.rotateSecret(auth, id);
  }

  @Get(':id/attempts')
  @ApiOperation({ summary: "The endpoint's delivery attempts, newest first." })
  @ApiOkResponse({ type: WebhookAttemptListDto })
  attempts(@Auth() auth: OperationalAuth, @Param('id') id: string, @Query() query: ListQueryDto): Promise<ListPage<WebhookAttemptObject>> {
    return this.webhooks.attempts(auth, id, query);
  }
}
