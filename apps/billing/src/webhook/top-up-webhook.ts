import { Injectable } from '@nestjs/common';
import { PrismaService } from '@mintfax/db';
import type { Logger } from '@mintfax/platform';
import { recordTopUpFailed, recordTopUpPaid, type TopUpSettled } from '@mintfax/top-ups';
import type Stripe from 'stripe';
import { idOf } from './checkout-metadata';
import { WEBHOOK_TRANSACTION_OPTIONS } from './webhook-transaction';

/**
 * `payment_intent.succeeded` and `payment_intent.payment_failed` for the off-session charges of
 * automatic top-ups (docs/api/billing.md), found by `metadata.top_up_id`; Checkout's own
 * PaymentIntents carry none and are left to the Checkout events.
 */
@Injectable()
export class TopUpWebhook {
  constructor(private readonly prisma: PrismaService) {}

  async handle(event: Stripe.PaymentIntentSucceededEvent | Stripe.PaymentIntentPaymentFailedEvent, log: Logger): Promise<TopUpSettled | 'ignored'> {
    const intent = event.data.object;
    const topUpId = intent.metadata?.top_up_id;
    if (!topUpId) {
      log.debug({ payment_intent_id: intent.id }, 'PaymentIntent of no automatic top-up; ignored');
      return 'ignored';
    }
    const settled = await this.prisma.$transaction(
      (tx) =>
        event.type === 'payment_intent.succeeded'
          ? recordTopUpPaid(tx, event, {
              topUpId,
              paymentIntentId: intent.id,
              customerId: idOf(intent.customer),
              paymentMethodId: idOf(intent.payment_method),
              amount: intent.amount_received || intent.amount,
              currency: intent.currency,
            })
          : recordTopUpFailed(tx, event, topUpId, {
              code: intent.last_payment_error?.code ?? 'payment_failed',
              message: intent.last_payment_error?.message ?? 'Stripe reported the payment as failed.',
            }),
      WEBHOOK_TRANSACTION_OPTIONS,
    );
    log.info({ top_up_id: topUpId, payment_intent_id: intent.id, outcome: settled }, 'automatic top-up payment reported');
    return settled;
  }
}
