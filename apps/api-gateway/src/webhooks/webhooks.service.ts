import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { PrismaService, type WebhookEndpoint } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { generateWebhookSecret, PREVIOUS_SECRET_TTL_MS, webhookUrlPolicy, webhookUrlProblem, type WebhookUrlPolicy } from '@mintfax/events';
import { WebhookDeliveryQueue } from '@mintfax/queue';
import { ulid } from 'ulid';
import type { OperationalAuth } from '../auth/auth-context';
import type { ListPage, ListQueryDto } from '../common/list-query.dto';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { UpdateWebhookDto } from './dto/update-webhook.dto';
import { newestFirstPage } from './newest-first-page';
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
  ) {
    this.policy = webhookUrlPolicy(config);
  }

  async create(auth: OperationalAuth, body: CreateWebhookDto): Promise<WebhookEndpointWithSecret> {
    await this.checkUrl(body.url);
    const endpoint = await this.prisma.webhookEndpoint.create({
      data: {
        id: `we_${ulid()}`,
        accountId: auth.accountId,
        environmentId: auth.environmentId,
        url: body.url,
        events: body.events,
        description: body.description ?? null,
        secret: generateWebhookSecret(),
      },
    });
    return { ...toWebhookEndpointObject(endpoint), secret: endpoint.secret };
  }

  list(auth: OperationalAuth, query: ListQueryDto): Promise<ListPage<WebhookEndpointObject>> {
    return newestFirstPage(
      query,
      'webhook endpoint',
      (id) => this.prisma.webhookEndpoint.findFirst({ where: { id, environmentId: auth.environmentId }, select: { id: true, createdAt: true } }),
      (after, order, take) =>
        this.prisma.webhookEndpoint.findMany({
          where: { environmentId: auth.environmentId, ...after },
          orderBy: [{ createdAt: order }, { id: order }],
          take,
        }),
      (endpoint) => toWebhookEndpointObject(endpoint),
    );
  }

  async get(auth: OperationalAuth, id: string): Promise<WebhookEndpointObject> {
    return toWebhookEndpointObject(await this.find(auth, id));
  }

  async update(auth: OperationalAuth, id: string, body: UpdateWebhookDto): Promise<WebhookEndpointObject> {
    await this.find(auth, id);
    if (body.url !== undefined) await this.checkUrl(body.url);
    const endpoint = await this.prisma.webhookEndpoint.update({
      where: { id },
      data: {
        ...(body.url !== undefined && { url: body.url }),
        ...(body.events !== undefined && { events: body.events }),
        ...(body.enabled !== undefined && { enabled: body.enabled }),
        ...(body.description !== undefined && { description: body.description }),
      },
    });
    return toWebhookEndpointObject(endpoint);
  }

  async remove(auth: OperationalAuth, id: string): Promise<void> {
    await this.find(auth, id);
    await this.prisma.webhookEndpoint.deleteMany({ where: { id } });
  }

  /** The current secret becomes the previous one, signing beside the new one for 24 h; an older previous one is dropped. */
  async rotateSecret(auth: OperationalAuth, id: string): Promise<WebhookEndpointWithSecret> {
    await this.find(auth, id);
    const secret = generateWebhookSecret();
    const expiresAt = new Date(Date.now() + PREVIOUS_SECRET_TTL_MS);
    // One statement, so two rotations at once cannot both keep the same previous secret.
    await this.prisma.$executeRaw`
      UPDATE webhook_endpoints
         SET previous_secret = secret, secret = ${secret}, previous_secret_expires_at = ${expiresAt}, updated_at = now()
       WHERE id = ${id}`;
    const endpoint = await this.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    return { ...toWebhookEndpointObject(endpoint), secret };
  }

  async attempts(auth: OperationalAuth, id: string, query: ListQueryDto): Promise<ListPage<WebhookAttemptObject>> {
    const endpoint = await this.find(auth, id);
    return newestFirstPage(
      query,
      'webhook attempt',
      (cursorId) => this.prisma.webhookAttempt.findFirst({ where: { id: cursorId, endpointId: endpoint.id }, select: { id: true, createdAt: true } }),
      (after, order, take) =>
        this.prisma.webhookAttempt.findMany({ where: { endpointId: endpoint.id, ...after }, orderBy: [{ createdAt: order }, { id: order }], take }),
      toWebhookAttemptObject,
    );
  }

  /**
   * A new attempt of the same delivery, now: the next number after the last logged attempt. If that
   * attempt is already scheduled (a retry waiting for its time) it is run now instead of twice.
   */
  async retry(auth: OperationalAuth, attemptId: string): Promise<WebhookRetryObject> {
    const attempt = await this.prisma.webhookAttempt.findUnique({ where: { id: attemptId }, select: { endpointId: true, eventId: true } });
    if (!attempt) throw new ApiError('not_found', undefined, `No webhook attempt ${attemptId}.`);
    const endpoint = await this.find(auth, attempt.endpointId, `webhook attempt ${attemptId}`);
    const last = await this.prisma.webhookAttempt.aggregate({
      where: { endpointId: endpoint.id, eventId: attempt.eventId },
      _max: { attemptNumber: true },
    });
    const next = (last._max.attemptNumber ?? 0) + 1;
    await this.retries.runNow({ eventId: attempt.eventId, endpointId: endpoint.id, attempt: next });
    return { object: 'webhook_retry', event_id: attempt.eventId, endpoint_id: endpoint.id, attempt_number: next };
  }

  private async checkUrl(url: string): Promise<void> {
    const problem = await webhookUrlProblem(url, this.policy);
    if (problem) throw new ApiError('validation_failed', { errors: { url: [`url ${problem}`] } });
  }

  /** API.md "Cross-environment reads": 403 for a sibling environment of the same type, 404 across the wall or accounts. */
  private async find(auth: OperationalAuth, id: string, what = `webhook endpoint ${id}`): Promise<WebhookEndpoint> {
    const endpoint = await this.prisma.webhookEndpoint.findUnique({ where: { id }, include: { environment: { select: { type: true } } } });
    if (!endpoint || endpoint.accountId !== auth.accountId || endpoint.environment.type !== auth.environmentType) {
      throw new ApiError('not_found', undefined, `No ${what}.`);
    }
    if (endpoint.environmentId !== auth.environmentId) throw new ApiError('forbidden', undefined, `The ${what} belongs to another environment.`);
    return endpoint;
  }
}
