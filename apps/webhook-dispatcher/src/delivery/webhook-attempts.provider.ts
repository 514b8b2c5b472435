import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { WebhookAttempts, webhookUrlPolicy } from '@mintfax/events';

/** One WebhookAttempts for the dispatcher: first attempts and queued ones share its batched statements. */
export const webhookAttemptsProvider: Provider = {
  provide: WebhookAttempts,
  inject: [APP_CONFIG, PrismaService],
  useFactory: (config: WebhookDispatcherConfig, prisma: PrismaService) =>
    new WebhookAttempts(prisma, { policy: webhookUrlPolicy(config), retryScale: config.retryScale }),
};
