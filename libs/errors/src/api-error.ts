import { ERROR_CATALOG, type ErrorCode } from './error-catalog';

export type ErrorContext = Readonly<Record<string, unknown>>;

export interface ApiErrorOptions {
  message?: string;
  /** Extra response headers, e.g. `Retry-After` for `rate_limit_exceeded`. */
  headers?: Readonly<Record<string, string>>;
  cause?: unknown;
}

/**
 * An error the client is meant to see: its code, status and action come from the catalog,
 * so call sites never invent statuses. The message defaults to the catalog's sentence.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: ErrorCode,
    readonly context?: ErrorContext,
    messageOrOptions?: string | ApiErrorOptions,
  ) {
    const options = typeof messageOrOptions === 'string' ? { message: messageOrOptions } : (messageOrOptions ?? {});
    super(options.message ?? ERROR_CATALOG[code].message, { cause: options.cause });
    this.status = ERROR_CATALOG[code].status;
    this.headers = options.headers ?? {};
  }
}
