import { Module } from '@nestjs/common';
import { stripeClientProvider } from '@mintfax/payments';
import { StripeWebhookController } from './stripe-webhook.controller';
import { StripeWebhookService } from './stripe-webhook.service';
import { TopUpWebhook } from './top-up-webhook';

@Module({ controllers: [StripeWebhookController], providers: [StripeWebhookService, TopUpWebhook, stripeClientProvider] })
export class WebhookModule {}
