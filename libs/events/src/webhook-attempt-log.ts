import { checkEnvironmentAccess, type EnvironmentScope } from '@mintfax/accounts';
import { byCreatedAt, keysetPage, type ListPage, type PageQuery, type Prisma, type WebhookAttempt } from '@mintfax/db';

type Db = Prisma.TransactionClient;

/** An endpoint's delivery attempts, newest first. */
export function listWebhookAttempts(db: Db, endpointId: string, query: PageQuery): Promise<ListPage<WebhookAttempt>> {
  return keysetPage(query, byCreatedAt, {
    findCursor: (id) => db.webhookAttempt.findFirst({ where: { id, endpointId }, select: byCreatedAt.select }),
    findPage: ({ after, orderBy, take }) => db.webhookAttempt.findMany({ where: { endpointId, ...after }, orderBy, take }),
    missing: (id) => `No webhook attempt ${id} here.`,
  });
}

/** An attempt whose endpoint the caller's environment may see (docs/api/README.md "Cross-environment reads"). */
export async function findWebhookAttemptForEnvironment(db: Db, caller: EnvironmentScope, id: string): Promise<WebhookAttempt> {
  const attempt = await db.webhookAttempt.findUnique({
    where: { id },
    include: { endpoint: { select: { accountId: true, environmentId: true, environment: { select: { type: true } } } } },
  });
  const owned = attempt && {
    ...attempt,
    accountId: attempt.endpoint.accountId,
    environmentId: attempt.endpoint.environmentId,
    environmentType: attempt.endpoint.environment.type,
  };
  return checkEnvironmentAccess(caller, owned, { missing: `No webhook attempt ${id}.`, elsewhere: `The webhook attempt ${id} belongs to another environment.` });
}

/** The number the next attempt of a delivery carries: one past the last logged. */
export async function nextWebhookAttemptNumber(db: Db, { endpointId, eventId }: { endpointId: string; eventId: string }): Promise<number> {
  const last = await db.webhookAttempt.aggregate({ where: { endpointId, eventId }, _max: { attemptNumber: true } });
  return (last._max.attemptNumber ?? 0) + 1;
}
