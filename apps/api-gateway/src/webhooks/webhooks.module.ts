import { Module } from '@nestjs/common';
import { WebhookRetryQueue } from './webhook-retry-queue';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookRetryQueue],
})
export class WebhooksModule {}
