import type { Provider } from '@nestjs/common';
import { APP_CONFIG } from '@mintfax/config';
import Stripe from 'stripe';

/** Injection token of the app's one Stripe client; null when STRIPE_SECRET_KEY is not set. */
export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');

export type StripeClient = Stripe | null;

/** The Stripe settings of an app's configuration (billing, dashboard). */
export interface StripeSettings {
  stripeSecretKey?: string;
  stripeApiBase?: string;
}

export function createStripeClient(config: StripeSettings): StripeClient {
  if (!config.stripeSecretKey) return null;
  return new Stripe(config.stripeSecretKey, apiBaseOptions(config.stripeApiBase));
}

export const stripeClientProvider: Provider = {
  provide: STRIPE_CLIENT,
  useFactory: (config: StripeSettings) => createStripeClient(config),
  inject: [APP_CONFIG],
};

// STRIPE_API_BASE points the SDK at a Stripe-compatible server (tests, stripe-mock); the SDK
// always adds its own /v1/... paths, so only the origin matters.
function apiBaseOptions(apiBase: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}
