import type { PrismaService, WebhookEndpoint } from '@mintfax/db';
import { generateWebhookSecret, writeEvent, type EventType } from '@mintfax/events';
import { ulid } from 'ulid';

/** An endpoint straight in the database, subscribed to everything unless told otherwise. */
export function createEndpoint(
  prisma: PrismaService,
  where: { accountId: string; environmentId: string },
  url: string,
  data: Partial<Pick<WebhookEndpoint, 'events' | 'enabled' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>> = {},
): Promise<WebhookEndpoint> {
  return prisma.webhookEndpoint.create({
    data: { id: `we_${ulid()}`, ...where, url, events: ['*'], secret: generateWebhookSecret(), ...data },
  });
}

/** An event through the outbox writer, as the fax pipeline writes them (NOTIFY included). */
export function createEvent(
  prisma: PrismaService,
  where: { accountId: string; environmentId: string },
  type: EventType = 'fax.delivered',
): Promise<string> {
  const faxId = `fax_${ulid()}`;
  return prisma.$transaction((tx) => writeEvent(tx, { ...where, type, faxId, object: { id: faxId, object: 'fax', status: 'delivered' } }));
}
