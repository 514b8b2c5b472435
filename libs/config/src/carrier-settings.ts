import type { FaxWorkerConfig, GatewayConfig, RetentionWorkerConfig } from './app-configs';
import { ConfigError } from './parsers';

/** What every call to Telnyx's API needs. */
export interface TelnyxAccess {
  apiKey: string;
  /** Ends in `/v2`, as the SDK's own default does. */
  apiBase: string;
}

/** What sending a fax through Telnyx needs besides access. */
export interface TelnyxSending extends TelnyxAccess {
  connectionId: string;
  fromNumber: string;
  webhookUrl: string;
}

// Each variable parses on its own; which ones are required depends on CARRIER, checked here at start.
function requiredForTelnyx<T>(value: T | undefined, env: string): T {
  if (value === undefined) throw new ConfigError(`Configuration error: ${env} is required when CARRIER=telnyx.`);
  return value;
}

/** Telnyx as the retention-worker reaches it to delete its copies; null when CARRIER is unset. */
export function telnyxAccess(config: Pick<RetentionWorkerConfig, 'carrier' | 'telnyxApiKey' | 'telnyxApiBase'>): TelnyxAccess | null {
  if (config.carrier !== 'telnyx') return null;
  return { apiKey: requiredForTelnyx(config.telnyxApiKey, 'TELNYX_API_KEY'), apiBase: config.telnyxApiBase };
}

/** Telnyx as the fax-worker sends through it and polls it; null when CARRIER is unset. */
export function telnyxSending(config: FaxWorkerConfig): TelnyxSending | null {
  const access = telnyxAccess(config);
  if (!access) return null;
  return {
    ...access,
    connectionId: requiredForTelnyx(config.telnyxConnectionId, 'TELNYX_CONNECTION_ID'),
    fromNumber: requiredForTelnyx(config.telnyxFromNumber, 'TELNYX_FROM_NUMBER'),
    webhookUrl: requiredForTelnyx(config.telnyxWebhookUrl, 'TELNYX_WEBHOOK_URL'),
  };
}

/** The key Telnyx signs its status callbacks with, when the gateway serves them; null when CARRIER is unset. */
export function telnyxCallbackKey(config: GatewayConfig): string | null {
  if (config.carrier !== 'telnyx') return null;
  return requiredForTelnyx(config.telnyxPublicKey, 'TELNYX_PUBLIC_KEY');
}
