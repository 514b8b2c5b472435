import createClient, { type Client } from 'openapi-fetch';
import { errorFromResponse } from './errors';
import type { paths } from './generated/openapi';
import { DEFAULT_RETRY_POLICY, retryingFetch, type RetryPolicy } from './retries';

export interface ClientOptions {
  /** Where the api-gateway answers, e.g. `https://fax.example.com`; default `http://localhost:3000`. */
  baseUrl?: string;
  /** Retries of 429, 5xx and requests that got no answer; default 3. */
  maxRetries?: number;
  /** The fetch to send requests with (a proxy agent, a test double); default the global one. */
  fetch?: typeof fetch;
  /** Backoff of the retries: first delay and ceiling, in ms (Retry-After, when sent, wins). */
  retryDelayMs?: { base: number; max: number };
  /** How long one attempt may go without an answer (ms) before it is retried; default 60 s. */
  timeout?: number;
}

export type ApiClient = Client<paths>;

export const DEFAULT_BASE_URL = 'http://localhost:3000';

export function createApiClient(key: string, options: ClientOptions = {}): ApiClient {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    baseDelayMs: options.retryDelayMs?.base ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: options.retryDelayMs?.max ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    timeoutMs: options.timeout ?? DEFAULT_RETRY_POLICY.timeoutMs,
  };
  return createClient<paths>({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    headers: { authorization: `Bearer ${key}` },
    fetch: retryingFetch(options.fetch ?? globalThis.fetch, policy),
  });
}

/** The data of a 2xx answer; anything else throws its MintfaxError subclass. */
export async function unwrap<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw errorFromResponse(response, error);
  return data as T;
}
