import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { PrismaService, type ListPage } from '@mintfax/db';
import {
  EVENT_TYPES,
  WebhooksService,
  type WebhookAttemptObject,
  type WebhookEndpointObject,
  type WebhookEndpointWithSecret,
  type WebhookRetryObject,
  type WebhookTestObject,
} from '@mintfax/events';
import type { EnvironmentScope } from '@mintfax/accounts';
import { environmentScope } from '../environments/environment-scope';
import { Session, type DashboardSession } from '../session/session.decorators';
import { ListQuery } from '../common/list-query';
import { CreateWebhookDto, UpdateWebhookDto } from './webhook.dto';

/** The webhook endpoints of one environment, through the same WebhooksService as the API. */
@Controller('api')
export class WebhooksController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly webhooks: WebhooksService,
  ) {}

  @Get('event-types')
  eventTypes(): readonly string[] {
    return EVENT_TYPES;
  }

  @Get('environments/:environmentId/webhooks')
  async list(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Query() query: ListQuery): Promise<ListPage<WebhookEndpointObject>> {
    return this.webhooks.list(await this.scope(session, environmentId), query);
  }

  @Post('environments/:environmentId/webhooks')
  async create(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Body() body: CreateWebhookDto): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.create(await this.scope(session, environmentId), body);
  }

  @Get('environments/:environmentId/webhooks/:id')
  async get(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Param('id') id: string): Promise<WebhookEndpointObject> {
    return this.webhooks.get(await this.scope(session, environmentId), id);
  }

  @Patch('environments/:environmentId/webhooks/:id')
  async update(
    @Session() session: DashboardSession,
    @Param('environmentId') environmentId: string,
    @Param('id') id: string,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookEndpointObject> {
    return this.webhooks.update(await this.scope(session, environmentId), id, body);
  }

  @Delete('environments/:environmentId/webhooks/:id')
  @HttpCode(204)
  async remove(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(await this.scope(session, environmentId), id);
  }

  @Get('environments/:environmentId/webhooks/:id/secret')
  async secret(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Param('id') id: string): Promise<{ secret: string }> {
    return this.webhooks.secret(await this.scope(session, environmentId), id);
  }

  @Post('environments/:environmentId/webhooks/:id/rotate-secret')
  @HttpCode(200)
  async rotateSecret(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Param('id') id: string): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.rotateSecret(await this.scope(session, environmentId), id);
  }

  @Post('environments/:environmentId/webhooks/:id/test')
  @HttpCode(200)
  async test(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Param('id') id: string): Promise<WebhookTestObject> {
    return this.webhooks.sendTest(await this.scope(session, environmentId), id);
  }

  @Get('environments/:environmentId/webhooks/:id/attempts')
  async attempts(
    @Session() session: DashboardSession,
    @Param('environmentId') environmentId: string,
    @Param('id') id: string,
    @Query() query: ListQuery,
  ): Promise<ListPage<WebhookAttemptObject>> {
    return this.webhooks.attempts(await this.scope(session, environmentId), id, query);
  }

  @Post('environments/:environmentId/webhook-attempts/:id/retry')
  @HttpCode(202)
  async retry(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Param('id') id: string): Promise<WebhookRetryObject> {
    return this.webhooks.retry(await this.scope(session, environmentId), id);
  }

  private scope(session: DashboardSession, environmentId: string): Promise<EnvironmentScope> {
    return environmentScope(this.prisma, session.accountId, environmentId);
  }
}
