import { checkEnvironmentAccess, type EnvironmentScope } from '@mintfax/accounts';
import { byCreatedAt, keysetPage, type ListPage, type PageQuery, type Prisma, type WebhookEndpoint, ulid } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { generateWebhookSecret, PREVIOUS_SECRET_TTL_MS } from './webhook-signing';

type Db = Prisma.TransactionClient;

/** What a client chooses of an endpoint; `description: null` clears it. */
export interface WebhookEndpointFields {
  url: string;
  events: string[];
  enabled: boolean;
  description: string | null;
}

/** Every event fans out to each endpoint of its environment: this many at most (docs/api/events-and-webhooks.md). */
export const MAX_WEBHOOK_ENDPOINTS = 16;

/**
 * A new endpoint with a fresh signing secret, or `webhook_endpoint_limit_reached` when the environment
 * holds MAX_WEBHOOK_ENDPOINTS already. Runs in a transaction: the environment's row lock orders
 * concurrent creates, so each one counts the endpoints the others committed and none overshoots.
 */
export async function createWebhookEndpoint(
  tx: Db,
  { accountId, environmentId, url, events, description }: { accountId: string; environmentId: string } & Omit<WebhookEndpointFields, 'enabled'>,
): Promise<WebhookEndpoint> {
  // NO KEY UPDATE: waits for another create, never for the inserts of faxes and events referencing the row.
  await tx.$queryRaw`SELECT 1 FROM environments WHERE id = ${environmentId} FOR NO KEY UPDATE`;
  if ((await tx.webhookEndpoint.count({ where: { environmentId } })) >= MAX_WEBHOOK_ENDPOINTS) {
    throw new ApiError('webhook_endpoint_limit_reached', { limit: MAX_WEBHOOK_ENDPOINTS });
  }
  return tx.webhookEndpoint.create({
    data: { id: `we_${ulid()}`, accountId, environmentId, url, events, description, secret: generateWebhookSecret() },
  });
}

/** The endpoints of an environment, newest first. */
export function listWebhookEndpoints(db: Db, environmentId: string, query: PageQuery): Promise<ListPage<WebhookEndpoint>> {
  return keysetPage(query, byCreatedAt, {
    findCursor: (id) => db.webhookEndpoint.findFirst({ where: { id, environmentId }, select: byCreatedAt.select }),
    findPage: ({ after, orderBy, take }) => db.webhookEndpoint.findMany({ where: { environmentId, ...after }, orderBy, take }),
    missing: (id) => `No webhook endpoint ${id} here.`,
  });
}

/** An endpoint the caller's environment may see (docs/api/README.md "Cross-environment reads"). */
export async function findWebhookEndpointForEnvironment(db: Db, caller: EnvironmentScope, id: string): Promise<WebhookEndpoint> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id }, include: { environment: { select: { type: true } } } });
  return checkEnvironmentAccess(caller, endpoint && { ...endpoint, environmentType: endpoint.environment.type }, {
    missing: `No webhook endpoint ${id}.`,
    elsewhere: `The webhook endpoint ${id} belongs to another environment.`,
  });
}

/** Only the fields given change. */
export function updateWebhookEndpoint(db: Db, id: string, changes: Partial<WebhookEndpointFields>): Promise<WebhookEndpoint> {
  const { url, events, enabled, description } = changes;
  return db.webhookEndpoint.update({ where: { id }, data: { url, events, enabled, description } });
}

/** The endpoint and, by cascade, its attempt log. */
export async function deleteWebhookEndpoint(db: Db, id: string): Promise<void> {
  await db.webhookEndpoint.deleteMany({ where: { id } });
}

/**
 * The current secret becomes the previous one, signing beside the new one for 24 h; an older
 * previous one is dropped. Returns the endpoint and the new secret, shown once.
 */
export async function rotateWebhookSecret(db: Db, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const secret = generateWebhookSecret();
  const expiresAt = new Date(Date.now() + PREVIOUS_SECRET_TTL_MS);
  // One statement, so two rotations at once cannot both keep the same previous secret.
  await db.$executeRaw`
    UPDATE webhook_endpoints
       SET previous_secret = secret, secret = ${secret}, previous_secret_expires_at = ${expiresAt}, updated_at = now()
     WHERE id = ${id}`;
  return { endpoint: await db.webhookEndpoint.findUniqueOrThrow({ where: { id } }), secret };
}
