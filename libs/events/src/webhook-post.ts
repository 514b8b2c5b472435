import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, literalTargetProblem, type WebhookUrlPolicy } from './webhook-url-policy';

/** docs/api/events-and-webhooks.md "Deliveries": a 2xx within this long is success. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** The part of a receiver's answer kept in the attempt log. */
export const RESPONSE_BODY_LIMIT_BYTES = 1024;

export interface WebhookResponse {
  /** Null when no HTTP answer came (refused, unreachable, timed out). */
  status: number | null;
  /** The first RESPONSE_BODY_LIMIT_BYTES of the answer. */
  body: string | null;
  error: string | null;
  durationMs: number;
}

export function isSuccess(response: WebhookResponse): boolean {
  return response.status !== null && response.status >= 200 && response.status < 300;
}

/**
 * POSTs one webhook. Never throws: every outcome is a WebhookResponse for the attempt log. Redirects
 * are not followed (a 3xx is a failure), so a receiver cannot bounce the request to an internal host.
 */
export async function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  policy: WebhookUrlPolicy,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<WebhookResponse> {
  const started = performance.now();
  const done = (result: Omit<WebhookResponse, 'durationMs'>): WebhookResponse => ({
    ...result,
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return done({ status: null, body: null, error: `invalid URL ${target}` });
  }
  const refused = url.protocol === 'http:' || url.protocol === 'https:' ? literalTargetProblem(url, policy) : 'must use http or https';
  if (refused) return done({ status: null, body: null, error: `URL refused: ${refused}` });

  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'mintfax-webhooks/1',
        ...headers,
      },
      lookup: guardedLookup(policy),
    });
    // A plain timer rather than AbortSignal.timeout, which costs several times more per request.
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('timed out'));
    }, timeoutMs);
    const answer = (result: Omit<WebhookResponse, 'durationMs'>) => {
      clearTimeout(deadline);
      resolve(done(result));
    };
    req.on('error', (error: Error) => {
      answer({ status: null, body: null, error: timedOut ? `no answer within ${timeoutMs / 1000} s` : error.message });
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const finish = () => {
        const text = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT_BYTES).toString('utf8');
        // Postgres text cannot hold NUL.
        answer({ status: res.statusCode ?? null, body: text.replace(/\0/g, ''), error: null });
      };
      res.on('data', (chunk: Buffer) => {
        if (kept >= RESPONSE_BODY_LIMIT_BYTES) return;
        chunks.push(chunk);
        kept += chunk.length;
        // The status decides the outcome; the rest of a long answer is not worth waiting for.
        if (kept >= RESPONSE_BODY_LIMIT_BYTES) {
          finish();
          res.destroy();
        }
      });
      res.on('end', finish);
      res.on('error', finish);
      res.on('close', finish);
    });
    req.end(body);
  });
}
