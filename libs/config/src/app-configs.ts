import {
  addressList,
  boolean,
  ConfigError,
  e164,
  ed25519PublicKey,
  email,
  integer,
  oneOf,
  optional,
  port,
  required,
  text,
  url,
  withDefault,
} from './parsers';
import { creditPackages } from './credit-packages';
import type { ConfigOf } from './load-config';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What every app needs: its stores, its logs, and where it is running. */
const common = {
  databaseUrl: { env: 'DATABASE_URL', parse: required(url(['postgres:', 'postgresql:'])) },
  databasePoolSize: { env: 'DATABASE_POOL_SIZE', parse: withDefault(integer(1, 100), 10) },
  redisUrl: { env: 'REDIS_URL', parse: required(url(['redis:', 'rediss:'])) },
  /** Prefix of every Redis key (queues, rate limits); lets deployments or tests share one Redis. */
  redisPrefix: { env: 'REDIS_PREFIX', parse: withDefault(text, 'mintfax') },
  logLevel: { env: 'LOG_LEVEL', parse: withDefault(oneOf(LOG_LEVELS), 'info') },
  host: { env: 'HOST', parse: withDefault(text, '0.0.0.0') },
  docsBaseUrl: { env: 'DOCS_BASE_URL', parse: withDefault(url(['http:', 'https:']), 'http://localhost:3000/docs') },
  /** `production` refuses private webhook targets and never shows development conveniences. */
  mode: { env: 'NODE_ENV', parse: withDefault(oneOf(['development', 'production', 'test'] as const), 'development') },
} as const;

const money = {
  pricePerPage: { env: 'PRICE_PER_PAGE', parse: withDefault(integer(1, 1_000_000), 1) },
  sandboxGrant: { env: 'SANDBOX_GRANT', parse: withDefault(integer(0, 1_000_000_000), 10_000) },
} as const;

/** What Checkout sells and auto top-up buys: billing charges them, the gateway checks a pool's choice among them. */
const creditPackagesSetting = { env: 'CREDIT_PACKAGES', parse: withDefault(creditPackages, creditPackages(undefined)) } as const;

/** The live carriers an operator can choose with `CARRIER`; unset, live faxes fail `carrier_not_configured`. */
export const CARRIERS = ['telnyx'] as const;

/** The Telnyx SDK's own base URL, passed to it explicitly so that no variable of its own overrides it. */
export const TELNYX_DEFAULT_API_BASE = 'https://api.telnyx.com/v2';

/** The live carrier's API, for the apps that call it: the fax-worker sends and polls, the retention-worker deletes. */
const carrierApi = {
  carrier: { env: 'CARRIER', parse: optional(oneOf(CARRIERS)) },
  telnyxApiKey: { env: 'TELNYX_API_KEY', parse: optional(text) },
  telnyxApiBase: { env: 'TELNYX_API_BASE', parse: withDefault(url(['http:', 'https:']), TELNYX_DEFAULT_API_BASE) },
} as const;

/** First retry of a live fax after this long, doubling per attempt: the fax-worker's, and the gateway's for failures a carrier reports. */
const liveRetryBackoffMs = { env: 'FAX_RETRY_BACKOFF_MS', parse: withDefault(integer(0, 3_600_000), 60_000) } as const;

/** Where verification codes go: an SMTP relay, or files under MAIL_DIR without one. */
const mail = {
  smtpUrl: { env: 'SMTP_URL', parse: optional(url(['smtp:', 'smtps:'])) },
  mailFrom: { env: 'MAIL_FROM', parse: withDefault(text, 'mintfax <no-reply@localhost>') },
  mailDir: { env: 'MAIL_DIR', parse: withDefault(text, '.data/mail') },
} as const;

export const gatewayConfigSpec = {
  ...common,
  ...money,
  port: { env: 'GATEWAY_PORT', parse: withDefault(port, 3000) },
  ...mail,
  rateLimitLive: { env: 'RATE_LIMIT_LIVE', parse: withDefault(integer(1, 100_000), 100) },
  rateLimitSandbox: { env: 'RATE_LIMIT_SANDBOX', parse: withDefault(integer(1, 100_000), 25) },
  /** Failed authentications a minute per client address before it gets 429 without a key lookup. */
  authFailureLimit: { env: 'AUTH_FAILURE_LIMIT', parse: withDefault(integer(1, 100_000), 30) },
  /** Fax uploads one account may have in flight in one gateway process; more answer 429. */
  uploadsPerAccount: { env: 'UPLOADS_PER_ACCOUNT', parse: withDefault(integer(1, 1000), 4) },
  /** Reverse proxies whose X-Forwarded-For names the client; unset: the peer address is the client. */
  trustedProxies: { env: 'TRUSTED_PROXIES', parse: optional(addressList) },
  allowPrivateWebhookUrls: { env: 'ALLOW_PRIVATE_WEBHOOK_URLS', parse: optional(boolean) },
  /** With `CARRIER=telnyx` the gateway serves Telnyx's status callbacks, signed with this key. */
  carrier: carrierApi.carrier,
  telnyxPublicKey: { env: 'TELNYX_PUBLIC_KEY', parse: optional(ed25519PublicKey) },
  retryBackoffMs: liveRetryBackoffMs,
  creditPackages: creditPackagesSetting,
  /** Test deployments (Testcontainers): the account of this email is made at start and its keys written to the file below. */
  bootstrapSandboxAccount: { env: 'BOOTSTRAP_SANDBOX_ACCOUNT', parse: optional(email) },
  bootstrapKeysFile: { env: 'BOOTSTRAP_KEYS_FILE', parse: withDefault(text, '.data/bootstrap-keys.json') },
} as const;

/** Stripe and what it sells: billing creates Checkout sessions and verifies events, the dashboard too. */
const stripe = {
  stripeSecretKey: { env: 'STRIPE_SECRET_KEY', parse: optional(text) },
  stripeWebhookSecret: { env: 'STRIPE_WEBHOOK_SECRET', parse: optional(text) },
  stripeApiBase: { env: 'STRIPE_API_BASE', parse: optional(url(['http:', 'https:'])) },
  creditPackages: creditPackagesSetting,
} as const;

export const billingConfigSpec = {
  ...common,
  port: { env: 'BILLING_PORT', parse: withDefault(port, 3001) },
  ...stripe,
  /** How often top-ups owed by a pool that crossed its threshold are enqueued (again, when their job was lost). */
  topUpSweepIntervalMs: { env: 'TOP_UP_SWEEP_INTERVAL_MS', parse: withDefault(integer(100, 3_600_000), 2_000) },
  checkoutSuccessUrl: {
    env: 'CHECKOUT_SUCCESS_URL',
    parse: withDefault(url(['http:', 'https:']), 'http://localhost:3000/billing/success'),
  },
  checkoutCancelUrl: {
    env: 'CHECKOUT_CANCEL_URL',
    parse: withDefault(url(['http:', 'https:']), 'http://localhost:3000/billing/cancel'),
  },
} as const;

export const dashboardConfigSpec = {
  ...common,
  ...money,
  ...mail,
  ...stripe,
  port: { env: 'DASHBOARD_PORT', parse: withDefault(port, 3002) },
  /** Where people open the dashboard: the origin state-changing requests must come from, Checkout's return address, Secure cookies when https. */
  publicUrl: { env: 'DASHBOARD_PUBLIC_URL', parse: withDefault(url(['http:', 'https:']), 'http://localhost:3002') },
  /** The billing service, whose Stripe webhook the local checkout posts its signed event to. */
  billingUrl: { env: 'BILLING_URL', parse: withDefault(url(['http:', 'https:']), 'http://localhost:3001') },
  allowPrivateWebhookUrls: { env: 'ALLOW_PRIVATE_WEBHOOK_URLS', parse: optional(boolean) },
} as const;

const worker = (defaultPort: number) =>
  ({
    ...common,
    port: { env: 'WORKER_HTTP_PORT', parse: withDefault(port, defaultPort) },
  }) as const;

export const faxWorkerConfigSpec = {
  ...worker(3010),
  concurrency: { env: 'FAX_WORKER_CONCURRENCY', parse: withDefault(integer(1, 1000), 16) },
  sandboxCarrierDelayMs: { env: 'SANDBOX_CARRIER_DELAY_MS', parse: withDefault(integer(0, 600_000), 200) },
  retryBackoffMs: liveRetryBackoffMs,
  /** First retry of a sandbox fax after this long, doubling per attempt. */
  sandboxRetryBackoffMs: { env: 'SANDBOX_RETRY_BACKOFF_MS', parse: withDefault(integer(0, 3_600_000), 1_000) },
  /** An attempt whose job is still running this long (it hangs) is failed with `timeout` by the watchdog. */
  stuckAfterMs: { env: 'FAX_STUCK_AFTER_MS', parse: withDefault(integer(1_000, 86_400_000), 600_000) },
  /** How often the sweep re-enqueues faxes whose job is gone (queued, or mid-attempt), and the watchdog runs. */
  sweepIntervalMs: { env: 'FAX_SWEEP_INTERVAL_MS', parse: withDefault(integer(100, 3_600_000), 15_000) },
  ...carrierApi,
  telnyxConnectionId: { env: 'TELNYX_CONNECTION_ID', parse: optional(text) },
  telnyxFromNumber: { env: 'TELNYX_FROM_NUMBER', parse: optional(e164) },
  /** Sent as `webhook_url` with every fax, so one Telnyx application can serve several deployments. */
  telnyxWebhookUrl: { env: 'TELNYX_WEBHOOK_URL', parse: optional(url(['http:', 'https:'])) },
  /** A fax the carrier took and has not reported on for this long is polled by the sweep. */
  carrierPollAfterMs: { env: 'CARRIER_POLL_AFTER_MS', parse: withDefault(integer(100, 86_400_000), 120_000) },
} as const;

export const retentionWorkerConfigSpec = {
  ...worker(3011),
  ...carrierApi,
  housekeepingWindowDays: { env: 'HOUSEKEEPING_WINDOW_DAYS', parse: withDefault(integer(1, 3650), 30) },
  /** How often the sweep purges documents past retention (and zero-footprint ones a purge job missed). */
  retentionSweepIntervalMs: { env: 'RETENTION_SWEEP_INTERVAL_MS', parse: withDefault(integer(1_000, 86_400_000), 10_000) },
  /** How often expired idempotency records, verification codes, webhook attempts and events are pruned. */
  housekeepingIntervalMs: { env: 'HOUSEKEEPING_INTERVAL_MS', parse: withDefault(integer(1_000, 86_400_000), 3_600_000) },
} as const;

export const webhookDispatcherConfigSpec = {
  ...worker(3012),
  /** Webhook requests in flight at once: first attempts (straight from the claim) and queued attempts each. */
  concurrency: { env: 'WEBHOOK_CONCURRENCY', parse: withDefault(integer(1, 1000), 32) },
  allowPrivateWebhookUrls: { env: 'ALLOW_PRIVATE_WEBHOOK_URLS', parse: optional(boolean) },
  /** Multiplies the webhook retry schedule (5 s … 10 h); tests pass e.g. 0.001. */
  retryScale: { env: 'WEBHOOK_RETRY_SCALE', parse: withDefault(scaleFactor, 1) },
  /** How often owed deliveries whose job Redis no longer holds are enqueued again. */
  sweepIntervalMs: { env: 'WEBHOOK_SWEEP_INTERVAL_MS', parse: withDefault(integer(100, 3_600_000), 15_000) },
} as const;

/** A factor in (0, 1]: shrinks a schedule, never stretches it. */
function scaleFactor(raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1) throw new ConfigError(`must be a number above 0 and at most 1, got "${raw}"`);
  return value;
}

export type CommonConfig = ConfigOf<typeof common>;
export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;
export type MailConfig = ConfigOf<typeof mail>;

/** What no single variable can say: in production, verification codes go out by mail and no keys are written to disk. */
export function checkGatewayConfig(config: GatewayConfig): GatewayConfig {
  if (config.mode === 'production' && config.bootstrapSandboxAccount) {
    throw new ConfigError('Configuration error: BOOTSTRAP_SANDBOX_ACCOUNT is for test deployments and refused when NODE_ENV=production: it writes API keys to a file.');
  }
  return checkMailInProduction(config);
}

export function checkDashboardConfig(config: DashboardConfig): DashboardConfig {
  return checkMailInProduction(config);
}

function checkMailInProduction<T extends MailConfig & Pick<CommonConfig, 'mode'>>(config: T): T {
  if (config.mode === 'production' && !config.smtpUrl) {
    throw new ConfigError('Configuration error: SMTP_URL is required when NODE_ENV=production; without it, codes would be written to disk.');
  }
  return config;
}
export type BillingConfig = ConfigOf<typeof billingConfigSpec>;
export type DashboardConfig = ConfigOf<typeof dashboardConfigSpec>;
export type FaxWorkerConfig = ConfigOf<typeof faxWorkerConfigSpec>;
export type RetentionWorkerConfig = ConfigOf<typeof retentionWorkerConfigSpec>;
export type WebhookDispatcherConfig = ConfigOf<typeof webhookDispatcherConfigSpec>;
