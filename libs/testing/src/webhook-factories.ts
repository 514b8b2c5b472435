import type { PrismaService, WebhookEndpoint } from '@mintfax/db';
import { generateWebhookSecret, writeEvent, type EventType } from '@mintfax/events';
import { ulid } from '@mintfax/db';
import type { TestOwner } from './factories';

/** An event through the outbox writer, as the fax pipeline writes them (NOTIFY included); returns its id. */
export function createTestEvent(
  prisma: PrismaService,
  owner: TestOwner,
  type: EventType = 'fax.delivered',
  object: Record<string, unknown> = { id: 'fax_1', object: 'fax' },
): Promise<string> {
  return prisma.$transaction((tx) => writeEvent(tx, { ...owner, type, object }));
}

/** An endpoint straight in the database, subscribed to everything unless `data` says otherwise. */
export function createTestWebhookEndpoint(
  prisma: PrismaService,
  owner: TestOwner,
  url = 'http://127.0.0.1:1/',
  data: Partial<Pick<WebhookEndpoint, 'events' | 'enabled' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>> = {},
): Promise<WebhookEndpoint> {
  return prisma.webhookEndpoint.create({
    data: { id: `we_${ulid()}`, ...owner, url, events: ['*'], secret: generateWebhookSecret(), ...data },
  });
}
