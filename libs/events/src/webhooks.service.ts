import { Inject, Injectable } from '@nestjs/common';
import type { EnvironmentScope } from '@mintfax/accounts';
import { APP_CONFIG } from '@mintfax/config';
import { mapPage, PrismaService, type ListPage, type PageQuery } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { LOGGER, type Logger } from '@mintfax/platform';
import { WebhookDeliveryQueue } from '@mintfax/queue';
import { findWebhookAttemptForEnvironment, listWebhookAttempts, nextWebhookAttemptNumber } from './webhook-attempt-log';
import { oweWebhookAttempt } from './webhook-deliveries';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookEndpointForEnvironment,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpointFields,
} from './webhook-endpoints';
import { sendTestWebhook, type WebhookTestObject } from './webhook-test-event';
import { webhookUrlPolicy, webhookUrlProblem, type WebhookUrlPolicy } from './webhook-url-policy';
import {
  toWebhookAttemptObject,
  toWebhookEndpointObject,
  type WebhookAttemptObject,
  type WebhookEndpointObject,
  type WebhookEndpointWithSecret,
} from './webhook-objects';

/** What a client chooses of a new endpoint. */
export interface NewWebhookEndpoint {
  url: string;
  events: string[];
  description?: string | null;
}

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
    @Inject(APP_CONFIG) config: Parameters<typeof webhookUrlPolicy>[0],
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.policy = webhookUrlPolicy(config);
  }

  async create(auth: EnvironmentScope, body: NewWebhookEndpoint): Promise<WebhookEndpointWithSecret> {
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

  async list(auth: EnvironmentScope, query: PageQuery): Promise<ListPage<WebhookEndpointObject>> {
    return mapPage(await listWebhookEndpoints(this.prisma, auth.environmentId, query), (endpoint) => toWebhookEndpointObject(endpoint));
  }

  async get(auth: EnvironmentScope, id: string): Promise<WebhookEndpointObject> {
    return toWebhookEndpointObject(await findWebhookEndpointForEnvironment(this.prisma, auth, id));
  }

  async update(auth: EnvironmentScope, id: string, body: Partial<WebhookEndpointFields>): Promise<WebhookEndpointObject> {
    await findWebhookEndpointForEnvironment(this.prisma, auth, id);
    if (body.url !== undefined) await this.checkUrl(body.url);
    return toWebhookEndpointObject(await updateWebhookEndpoint(this.prisma, id, body));
  }

  async remove(auth: EnvironmentScope, id: string): Promise<void> {
    await findWebhookEndpointForEnvironment(this.prisma, auth, id);
    await deleteWebhookEndpoint(this.prisma, id);
  }

  async rotateSecret(auth: EnvironmentScope, id: string): Promise<WebhookEndpointWithSecret> {
    await findWebhookEndpointForEnvironment(this.prisma, auth, id);
    const { endpoint, secret } = await rotateWebhookSecret(this.prisma, id);
    return { ...toWebhookEndpointObject(endpoint), secret };
  }

  /** The signing secret, for the dashboard's reveal to a person signed in with a code mailed to the account's address. */
  async secret(auth: EnvironmentScope, id: string): Promise<{ secret: string }> {
    return { secret: (await findWebhookEndpointForEnvironment(this.prisma, auth, id)).secret };
  }

  async sendTest(auth: EnvironmentScope, id: string): Promise<WebhookTestObject> {
    return sendTestWebhook(await findWebhookEndpointForEnvironment(this.prisma, auth, id), this.policy);
  }

  async attempts(auth: EnvironmentScope, id: string, query: PageQuery): Promise<ListPage<WebhookAttemptObject>> {
    const endpoint = await findWebhookEndpointForEnvironment(this.prisma, auth, id);
    return mapPage(await listWebhookAttempts(this.prisma, endpoint.id, query), toWebhookAttemptObject);
  }

  /**
   * A new attempt of the same delivery, now: the next number after the last logged attempt. If that
   * attempt is already scheduled (a retry waiting for its time) it is run now instead of twice.
   * Owed in Postgres first: if Redis does not take the job now, the dispatcher's sweep adds it.
   */
  async retry(auth: EnvironmentScope, attemptId: string): Promise<WebhookRetryObject> {
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
