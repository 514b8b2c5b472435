import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { recordCheckoutPayment, saveCheckoutCustomer } from '@mintfax/accounts';
import { APP_CONFIG, type BillingConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { LOGGER, type Logger } from '@mintfax/platform';
import type { TopUpSettled } from '@mintfax/top-ups';
import Stripe from 'stripe';
import { STRIPE_CLIENT, type StripeClient } from '@mintfax/payments';
import { idOf, parseAccountId, parsePurchaseMetadata } from './checkout-metadata';
import { TopUpWebhook } from './top-up-webhook';
import { WEBHOOK_TRANSACTION_OPTIONS } from './webhook-transaction';

/** docs/api/billing.md: signatures older than this are rejected (replay protection). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/** What a delivery did; the webhook answers it so a developer simulating one can see. */
export type WebhookOutcome =
  | 'credited'
  | 'customer_saved'
  | 'duplicate_event'
  | 'session_already_paid'
  | 'awaiting_payment'
  | 'ignored'
  | TopUpSettled;

type CheckoutSession = Stripe.Checkout.Session;

@Injectable()
export class StripeWebhookService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BillingConfig,
    @Inject(STRIPE_CLIENT) private readonly stripe: StripeClient,
    private readonly prisma: PrismaService,
    private readonly topUps: TopUpWebhook,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    if (!this.config.stripeWebhookSecret) {
      this.logger.warn('STRIPE_WEBHOOK_SECRET is not set: the Stripe webhook answers 500 until it is');
    }
  }

  /** The event, if Stripe signed exactly these bytes within the tolerance; else 400 and nothing written. */
  verify(rawBody: Buffer | undefined, signature: string | string[] | undefined): Stripe.Event {
    const secret = this.config.stripeWebhookSecret;
    if (!secret) {
      // A server fault, not the sender's: a 5xx makes Stripe retry once the secret is configured.
      throw new ApiError(
        'internal_server_error',
        undefined,
        'Stripe webhooks are not configured on this server: STRIPE_WEBHOOK_SECRET is not set.',
      );
    }
    if (!signature) {
      throw new ApiError('invalid_request', undefined, 'The Stripe-Signature header is missing.');
    }
    if (typeof signature !== 'string') {
      throw new ApiError('invalid_request', undefined, 'Send exactly one Stripe-Signature header.');
    }
    if (!rawBody) {
      throw new ApiError('invalid_request', undefined, 'The Stripe webhook needs the event as an application/json body.');
    }
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      throw new ApiError('invalid_request', undefined, {
        message:
          "The Stripe-Signature header does not match the body for this endpoint's signing secret, " +
          `or is older than ${SIGNATURE_TOLERANCE_SECONDS} s.`,
        cause: error,
      });
    }
  }

  async handle(event: Stripe.Event): Promise<WebhookOutcome> {
    const log = this.logger.child({ stripe_event_id: event.id, stripe_event_type: event.type });
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        const session = checkoutSessionOf(event);
        if (typeof session === 'string') {
          // Signed, so it is Stripe's, but nothing can be recorded from it: a 5xx would be retried for days.
          log.warn({ reason: session }, 'malformed Checkout event; ignored');
          return 'ignored';
        }
        // Stripe sends async_payment_succeeded only for mode=payment, once a delayed payment method has paid.
        return event.type === 'checkout.session.completed' ? this.sessionCompleted(event, session, log) : this.purchase(event, session, log);
      }
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed':
        return this.topUps.handle(event, log);
      default:
        log.debug('Stripe event type not handled; ignored');
        return 'ignored';
    }
  }

  private async sessionCompleted(event: Stripe.Event, session: CheckoutSession, log: Logger): Promise<WebhookOutcome> {
    switch (session.mode) {
      case 'setup':
        return this.setup(event, session, log);
      case 'payment':
        if (session.payment_status === 'paid') return this.purchase(event, session, log);
        if (session.payment_status === 'unpaid') {
          // A delayed payment method (e.g. a bank debit): async_payment_succeeded credits it later.
          log.info({ session_id: session.id }, 'Checkout session not paid yet; waiting for async_payment_succeeded');
          return 'awaiting_payment';
        }
        log.warn(
          { session_id: session.id, payment_status: session.payment_status },
          'Checkout session needs no payment; nothing to credit',
        );
        return 'ignored';
      default:
        log.warn({ session_id: session.id, mode: session.mode }, 'Checkout session mode not handled; ignored');
        return 'ignored';
    }
  }

  private async purchase(event: Stripe.Event, session: CheckoutSession, log: Logger): Promise<WebhookOutcome> {
    const metadata = parsePurchaseMetadata(session.metadata);
    if (!metadata.ok) {
      this.cannotCredit(log, session, metadata.reason);
      return 'ignored';
    }
    const { accountId, credits } = metadata.value;
    const paymentIntentId = idOf(session.payment_intent);
    const paymentMethodId = await this.savedCard(paymentIntentId);
    const recorded = await this.prisma.$transaction(
      (tx) =>
        recordCheckoutPayment(tx, event, {
          accountId,
          credits,
          sessionId: session.id,
          paymentIntentId,
          customerId: idOf(session.customer),
          paymentMethodId,
          amountTotal: session.amount_total,
          currency: session.currency,
        }),
      WEBHOOK_TRANSACTION_OPTIONS,
    );
    switch (recorded.kind) {
      case 'unknown_account':
        this.cannotCredit(log, session, `metadata.account_id names no account (${accountId})`);
        return 'ignored';
      case 'duplicate_event':
        return 'duplicate_event';
      case 'session_already_paid':
        log.info({ session_id: session.id }, 'Checkout session already paid for; not credited again');
        return 'session_already_paid';
      case 'credited':
        log.info({ account_id: accountId, credits, payment_id: recorded.paymentId, session_id: session.id }, 'live credits purchased');
        return 'credited';
      default: {
        const unknown: never = recorded;
        throw new Error(`Unknown payment outcome ${JSON.stringify(unknown)}`);
      }
    }
  }

  /**
   * The card Checkout saved for off-session use (`setup_future_usage`), which the session does not
   * name: its PaymentIntent does. Failing to ask Stripe fails the delivery, and Stripe sends it again.
   */
  private async savedCard(paymentIntentId: string | null): Promise<string | null> {
    if (!this.stripe || !paymentIntentId) return null;
    const intent = await this.stripe.paymentIntents.retrieve(paymentIntentId);
    return idOf(intent.payment_method);
  }

  private async setup(event: Stripe.Event, session: CheckoutSession, log: Logger): Promise<WebhookOutcome> {
    const accountId = parseAccountId(session.metadata);
    const customerId = idOf(session.customer);
    if (!accountId.ok || !customerId) {
      log.warn({ session_id: session.id, reason: accountId.ok ? 'no customer' : accountId.reason }, 'setup session ignored');
      return 'ignored';
    }
    const saved = await this.prisma.$transaction(
      (tx) => saveCheckoutCustomer(tx, event, { accountId: accountId.value, customerId }),
      WEBHOOK_TRANSACTION_OPTIONS,
    );
    if (saved === 'unknown_account') {
      log.warn({ session_id: session.id, account_id: accountId.value }, 'setup session names no account; ignored');
      return 'ignored';
    }
    return saved;
  }

  // Money was taken but cannot be credited: an operator has to look, so anything billing
  // created is an error; a session without our metadata is someone else's and only a warning.
  private cannotCredit(log: Logger, session: CheckoutSession, reason: string): void {
    const fields = { session_id: session.id, reason };
    if (session.metadata?.account_id) log.error(fields, 'paid Checkout session not credited');
    else log.warn(fields, 'paid Checkout session without mintfax metadata; not credited');
  }
}

/** The session of a Checkout event, or why there is none that could be recorded. */
function checkoutSessionOf(event: Stripe.Event): CheckoutSession | string {
  if (typeof event.id !== 'string' || event.id === '') return 'the event has no id';
  const session: unknown = (event.data as { object?: unknown } | undefined)?.object;
  if (typeof session !== 'object' || session === null) return 'the event has no data.object';
  const id = (session as { id?: unknown }).id;
  if (typeof id !== 'string' || id === '') return 'the session has no id';
  return session as CheckoutSession;
}
