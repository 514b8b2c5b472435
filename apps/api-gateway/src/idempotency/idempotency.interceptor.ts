import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { PrismaService } from '@mintfax/db';
import { ApiError, type ErrorCode } from '@mintfax/errors';
import { abandonIdempotencyRecord, claimIdempotencyKey, completeIdempotencyRecord, type IdempotencyLease } from '@mintfax/idempotency';
import { LOGGER, type Logger } from '@mintfax/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth-context';
import type { IdempotentRequest } from './idempotency-key';
import { requestFingerprint } from './request-fingerprint';

const MAX_KEY_LENGTH = 255;

/**
 * `Idempotency-Key` on every authenticated POST: the first request runs and its answer is kept
 * for 24 h; the same request again gets that answer with `Idempotent-Replayed: true`.
 * Runs after authentication, so the scope is the key's environment (or account).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest & IdempotentRequest>();
    const reply = http.getResponse<FastifyReply>();
    const header = request.headers['idempotency-key'];
    const scope = request.auth?.environmentId ?? request.auth?.accountId;
    if (request.method !== 'POST' || header === undefined || !scope) return next.handle();

    if (typeof header !== 'string' || header.length === 0 || header.length > MAX_KEY_LENGTH) {
      throw new ApiError('validation_failed', { errors: { 'Idempotency-Key': [`Must be 1 to ${MAX_KEY_LENGTH} characters, sent once.`] } });
    }
    const route = request.routeOptions.url ?? request.url;
    const requestHash = requestFingerprint(request.method, route, request.params, request.body);
    const claim = await claimIdempotencyKey(this.prisma, { scope, key: header, requestHash });
    switch (claim.kind) {
      case 'replay': {
        void reply.header('idempotent-replayed', 'true');
        const stored = storedError(claim.body);
        if (stored) throw new ApiError(stored.error, stored.context, stored.message);
        void reply.status(claim.status);
        return of(claim.body);
      }
      case 'reuse':
        throw new ApiError('idempotency_key_reuse');
      case 'in_progress':
        void reply.header('retry-after', String(Math.ceil(claim.retryAfterMs / 1000)));
        throw new ApiError('idempotency_key_in_progress');
      case 'claimed':
        request.idempotencyKey = header;
        return next.handle().pipe(
          mergeMap((body) => from(this.completeOrKeepLocked(claim, reply.statusCode, redactSecrets(body)).then(() => body))),
          catchError((error: unknown) => from(this.settleFailure(claim, error)).pipe(mergeMap(() => throwError(() => error)))),
        );
      default: {
        const unknown: never = claim;
        throw new Error(`Unhandled claim ${JSON.stringify(unknown)}`);
      }
    }
  }

  /**
   * The request did its work; if its answer cannot be stored, the record stays `in_progress` until
   * its lease ends rather than be freed at once. A retry then takes it over: a fax submission finds
   * the fax its key made and answers with it, so the money is never taken twice.
   */
  private async completeOrKeepLocked(lease: IdempotencyLease, status: number, body: unknown): Promise<void> {
    try {
      await completeIdempotencyRecord(this.prisma, lease, { status, body });
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'idempotent response not stored; the key is locked until its lease ends');
    }
  }

  /**
   * API errors the request itself earned (402, 403, 404, 409…) are kept and replayed like any
   * answer. Validation failures and our own faults are not: the client may fix or retry them.
   */
  private async settleFailure(lease: IdempotencyLease, error: unknown): Promise<void> {
    if (error instanceof ApiError && error.status < 500 && !NOT_STORED.has(error.code)) {
      await this.completeOrKeepLocked(lease, error.status, { error: error.code, message: error.message, context: error.context ?? null, [STORED_ERROR]: true });
    } else {
      await abandonIdempotencyRecord(this.prisma, lease);
    }
  }
}

const NOT_STORED = new Set<ErrorCode>(['validation_failed', 'invalid_request']);
const STORED_ERROR = 'idempotent_error';

function storedError(body: unknown): { error: ErrorCode; message: string; context?: Record<string, unknown> } | undefined {
  if (typeof body !== 'object' || body === null || !(STORED_ERROR in body)) return undefined;
  const { error, message, context } = body as unknown as { error: ErrorCode; message: string; context: Record<string, unknown> | null };
  return { error, message, ...(context && { context }) };
}

/** API keys and webhook secrets are shown once: a replay answers with them blanked, and they are never stored. */
function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return /^(mfx_(test|live|acct)_|whsec_)/.test(value) ? null : value;
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactSecrets(item)]));
}
