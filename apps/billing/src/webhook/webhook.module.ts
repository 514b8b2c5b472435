import { Module } from '@nestjs/common';
import { StripeWebhookController } from './stripe-webhook.controller';
import { StripeWebhookService } from './stripe-webhook.service';

@Module({ controllers: [StripeWebhookController], providers: [StripeWebhookService] })
export class WebhookModule {}
