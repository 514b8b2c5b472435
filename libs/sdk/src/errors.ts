import type { Fax } from './api-types';

/** The error envelope every mintfax error answers with (docs/api/errors.md). */
export interface ErrorEnvelope {
  error: string;
  message: string;
  action: string;
  docs: string;
  request_id: string;
  context?: Record<string, unknown>;
}

/**
 * An error answered by the API, or a request that never got an answer. Branch on `code` (the
 * envelope's stable `error`) or on the subclass; `action` says what to do next.
 */
export class MintfaxError extends Error {
  override readonly name: string = 'MintfaxError';
  /** The envelope's `error`, e.g. `insufficient_balance`; `connection_failed` when no answer came. */
  readonly code: string;
  /** The HTTP status; null when no answer came. */
  readonly status: number | null;
  /** What to do next, e.g. `top_up_balance` (docs/api/errors.md). */
  readonly action: string;
  /** The error's page in the docs. */
  readonly docs: string | null;
  /** Quote it when asking for help: the answer's `X-Request-Id`. */
  readonly requestId: string | null;
  readonly context: Record<string, unknown> | undefined;
  /** Seconds the API asked to wait (`Retry-After`), when it did. */
  readonly retryAfter: number | undefined;

  constructor(fields: {
    code: string;
    message: string;
    status: number | null;
    action: string;
    docs?: string | null;
    requestId?: string | null;
    context?: Record<string, unknown>;
    retryAfter?: number;
    cause?: unknown;
  }) {
    super(fields.message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.code = fields.code;
    this.status = fields.status;
    this.action = fields.action;
    this.docs = fields.docs ?? null;
    this.requestId = fields.requestId ?? null;
    this.context = fields.context;
    this.retryAfter = fields.retryAfter;
  }
}

/** 400, 422 and 431: the request itself is wrong (`context.errors` names the fields). */
export class InvalidRequestError extends MintfaxError {
  override readonly name = 'InvalidRequestError';
}
/** 401: no key, a malformed one, or one that is unknown or revoked. */
export class AuthenticationError extends MintfaxError {
  override readonly name = 'AuthenticationError';
}
/** 402: the pool's available credit does not cover the cost. */
export class PaymentRequiredError extends MintfaxError {
  override readonly name = 'PaymentRequiredError';
}
/** 403: a known key that may not do this. */
export class PermissionError extends MintfaxError {
  override readonly name = 'PermissionError';
}
/** 404: no such resource for this key. */
export class NotFoundError extends MintfaxError {
  override readonly name = 'NotFoundError';
}
/** 409: the resource's state, or an idempotency key, conflicts with the request. */
export class ConflictError extends MintfaxError {
  override readonly name = 'ConflictError';
}
/** 429: too many requests; `retryAfter` says how long to wait. */
export class RateLimitError extends MintfaxError {
  override readonly name = 'RateLimitError';
}
/** 5xx: the API failed; retried already, as often as `maxRetries` allows. */
export class ApiServerError extends MintfaxError {
  override readonly name = 'ApiServerError';
}
/** No answer at all (refused, reset, timed out), after every retry. */
export class ConnectionError extends MintfaxError {
  override readonly name = 'ConnectionError';
}

type ErrorClass = new (fields: ConstructorParameters<typeof MintfaxError>[0]) => MintfaxError;

function classFor(status: number): ErrorClass {
  if (status >= 500) return ApiServerError;
  switch (status) {
    case 400:
    case 422:
    case 431:
      return InvalidRequestError;
    case 401:
      return AuthenticationError;
    case 402:
      return PaymentRequiredError;
    case 403:
      return PermissionError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 429:
      return RateLimitError;
    default:
      return MintfaxError;
  }
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  const candidate = body as Partial<ErrorEnvelope> | null;
  return typeof candidate?.error === 'string' && typeof candidate.message === 'string' && typeof candidate.action === 'string';
}

/** `Retry-After` in seconds, from its delta-seconds or HTTP-date form. */
export function retryAfterSeconds(headers: Headers): number | undefined {
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

/** The error for a non-2xx answer; `body` is what it carried, parsed as JSON where it was JSON. */
export function errorFromResponse(response: Response, body: unknown): MintfaxError {
  const ErrorType = classFor(response.status);
  const retryAfter = retryAfterSeconds(response.headers);
  const requestId = response.headers.get('x-request-id');
  if (isEnvelope(body)) {
    return new ErrorType({
      code: body.error,
      message: body.message,
      status: response.status,
      action: body.action,
      docs: body.docs,
      requestId: body.request_id ?? requestId,
      context: body.context,
      retryAfter,
    });
  }
  // Not the API's envelope: a proxy or load balancer in between answered.
  return new ErrorType({
    code: 'unexpected_response',
    message: `The server answered ${response.status} ${response.statusText} without a mintfax error envelope.`,
    status: response.status,
    action: response.status >= 500 ? 'retry_or_contact_support' : 'fix_request',
    requestId,
    retryAfter,
  });
}

/** `faxes.waitFor` gave up: the fax was still not delivered or failed when its time ran out. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';

  constructor(
    /** The fax as last seen. */
    readonly fax: Fax,
    timeoutMs: number,
  ) {
    super(`Fax ${fax.id} is still ${fax.status} after ${Math.round(timeoutMs / 1000)} s.`);
  }
}
