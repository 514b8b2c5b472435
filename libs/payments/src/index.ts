export type { CheckoutUrls } from './checkout-session-params';
export { createCheckoutSession, findCreditPackage, type CheckoutRequest } from './checkout-sessions';
export { postSignedStripeEvent, simulatedCheckoutCompleted, STRIPE_WEBHOOK_PATH } from './simulated-checkout';
export { STRIPE_CLIENT, stripeClientProvider, type StripeClient, type StripeSettings } from './stripe-client';
