import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { StripeWebhookService, type WebhookOutcome } from './stripe-webhook.service';

@Controller('v1/billing/stripe')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  /** Any 2xx tells Stripe to stop retrying; verification failures and our own faults do not. */
  @Post('webhook')
  @HttpCode(200)
  async receive(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | string[] | undefined,
  ): Promise<{ received: true; outcome: WebhookOutcome }> {
    const event = this.webhooks.verify(request.rawBody, signature);
    return { received: true, outcome: await this.webhooks.handle(event) };
  }
}
