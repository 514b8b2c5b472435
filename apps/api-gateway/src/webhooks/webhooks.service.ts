import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { mapPage, PrismaService, type ListPage } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookAttemptForEnvironment,
  findWebhookEndpointForEnvironment,
  listWebhookAttempts,
  listWebhookEndpoints,
  nextWebhookAttemptNumber,
  oweWebhookAttempt,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  webhookUrlPolicy,
  webhookUrlProblem,
  type WebhookUrlPolicy,
} from '@mintfax/events';
import { LOGGER, type Logger } from '@mintfax/platform';
import { WebhookDeliveryQueue } from '@mintfax/queue';
import type { OperationalAuth } from '../auth/auth-context';
import type { ListQueryDto } from '../common/list-query.dto';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { UpdateWebhookDto } from './dto/update-webhook.dto';
import {
  toWebhookAttemptObject,
  toWebhookEndpointObject,
  type WebhookAttemptObject,
  type WebhookEndpointObject,
  type WebhookEndpointWithSecret,
} from './webhook-objects';

export interface WebhookRetryObject {
  object: 'webhook_retry';
  event_id: string;
  endpoint_id: string;
  /** The number the new attempt will carry in the attempt log. */
  attempt_number: number;
}

@Injectable()
export class WebhooksService {
  private readonly policy: WebhookUrlPolicy;

  constructor(
    private readonly prisma: PrismaService,
    private readonly retries: WebhookDeliveryQueue,
    @Inject(APP_CONFIG) config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.policy = webhookUrlPolicy(config);
  }

  async create(auth: OperationalAuth, body: CreateWebhookDto): Promise<WebhookEndpointWithSecret> {
    await this.checkUrl(body.url);
    const endpoint = await this.prisma.$transaction((tx) =>
      createWebhookEndpoint(tx, {
        accountId: auth.accountId,
        environmentId: auth.environmentId,
        url: body.url,
        events: body.events,
        description: body.description ?? null,
      }),
    );
    return { ...toWebhookEndpointObject(endpoint), secret: endpoint.secret };
  }

  async list(auth: OperationalAuth, query: ListQueryDto): Promise<ListPage<WebhookEndpointObject>> {
    return mapPage(await listWebhookEndpoints(this.prisma, auth.environmentId, query), (endpoint) => toWebhookEndpointObject(endpoint));
  }

  async get(auth: OperationalAuth, id: string): Promise<WebhookEndpointObject> {
    return toWebhookEndpointObject(await findWebhookEndpointForEnvironment(this.prisma, auth, id));
  }

  async update(auth: OperationalAuth, id: string, body: UpdateWebhookDto): Promise<WebhookEndpointObject> {
    await findWebhookEndpointForEnvironment(this.prisma, auth, id);
    if (body.url !== undefined) await this.checkUrl(body.url);
    return toWebhookEndpointObject(await updateWebhookEndpoint(this.prisma, id, body));
  }

  async remove(auth: OperationalAuth, id: string): Promise<void> {
    await findWebhookEndpointForEnvironment(this.prisma, auth, id);
    await deleteWebhookEndpoint(this.prisma, id);
  }

  async rotateSecret(auth: OperationalAuth, id: string): Promise<WebhookEndpointWithSecret> {
    await findWebhookEndpointForEnvironment(this.prisma, auth, id);
    const { endpoint, secret } = await rotateWebhookSecret(this.prisma, id);
    return { ...toWebhookEndpointObject(endpoint), secret };
  }

  async attempts(auth: OperationalAuth, id: string, query: ListQueryDto): Promise<ListPage<WebhookAttemptObject>> {
    const endpoint = await findWebhookEndpointForEnvironment(this.prisma, auth, id);
    return mapPage(await listWebhookAttempts(this.prisma, endpoint.id, query), toWebhookAttemptObject);
  }

  /**
   * A new attempt of the same delivery, now: the next number after the last logged attempt. If that
   * attempt is already scheduled (a retry waiting for its time) it is run now instead of twice.
   * Owed in Postgres first: if Redis does not take the job now, the dispatcher's sweep adds it.
   */
  async retry(auth: OperationalAuth, attemptId: string): Promise<WebhookRetryObject> {
    const attempt = await findWebhookAttemptForEnvironment(this.prisma, auth, attemptId);
    const next = await nextWebhookAttemptNumber(this.prisma, { endpointId: attempt.endpointId, eventId: attempt.eventId });
    const job = { eventId: attempt.eventId, endpointId: attempt.endpointId, attempt: next };
    await oweWebhookAttempt(this.prisma, job, new Date());
    try {
      await this.retries.runNow(job);
    } catch (error) {
      this.logger.warn({ event_id: job.eventId, endpoint_id: job.endpointId, err: (error as Error).message }, 'manual retry not enqueued; the delivery sweep will enqueue it');
    }
    return { object: 'webhook_retry', event_id: attempt.eventId, endpoint_id: attempt.endpointId, attempt_number: next };
  }

  private async checkUrl(url: string): Promise<void> {
    const problem = await webhookUrlProblem(url, this.policy);
    if (problem) throw new ApiError('validation_failed', { errors: { url: [`url ${problem}`] } });
  }
}
