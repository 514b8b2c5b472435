import { randomUUID } from 'node:crypto';
import { ConnectionError, retryAfterSeconds } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt; 0 sends each request once. */
  maxRetries: number;
  /** The first backoff; doubled per retry, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** An attempt without an answer this long is abandoned (and retried) as if the connection dropped. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000, timeoutMs: 60_000 };

/** The longest `Retry-After` honoured; the API asks for 15 s at most (docs/api/README.md "Idempotency"). */
const MAX_RETRY_AFTER_MS = 60_000;

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Whether the answer is worth the same request again: rate limited, the API failing, or the first
 * request with this idempotency key still running (its answer is replayed once it ends).
 */
async function isRetryable(response: Response): Promise<boolean> {
  if (response.status === 429 || response.status >= 500) return true;
  if (response.status !== 409) return false;
  const body = (await response.clone().json().catch(() => null)) as { error?: string } | null;
  return body?.error === 'idempotency_key_in_progress';
}

function backoffMs(policy: RetryPolicy, retry: number, response?: Response): number {
  const asked = response && retryAfterSeconds(response.headers);
  if (asked !== undefined) return Math.min(asked * 1000, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * A fetch that retries 429, 5xx, an idempotency key in progress, and requests that got no answer
 * (refused, reset, or silent past `timeoutMs`).
 * Every POST carries an `Idempotency-Key`, the same on each retry, so a retried submission whose
 * first answer was lost is answered with what the first one did, never done twice.
 */
export function retryingFetch(fetchOnce: typeof fetch, policy: RetryPolicy): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method === 'POST' && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', randomUUID());
    for (let retry = 0; ; retry += 1) {
      const last = retry >= policy.maxRetries;
      let response: Response;
      try {
        // A clone per attempt: a body stream can be read only once.
        const signal = AbortSignal.any([request.signal, AbortSignal.timeout(policy.timeoutMs)]);
        response = await fetchOnce(new Request(last ? request : request.clone(), { signal }));
      } catch (error) {
        if (request.signal.aborted) throw error;
        if (last) throw connectionError(request, error);
        await sleep(backoffMs(policy, retry), request.signal);
        continue;
      }
      if (last || !(await isRetryable(response))) return response;
      await response.body?.cancel();
      await sleep(backoffMs(policy, retry, response), request.signal);
    }
  };
}

function connectionError(request: Request, error: unknown): ConnectionError {
  const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
  return new ConnectionError({
    code: 'connection_failed',
    message: `No answer from ${new URL(request.url).origin} (${cause}).`,
    status: null,
    action: 'wait_and_retry',
    cause: error,
  });
}
