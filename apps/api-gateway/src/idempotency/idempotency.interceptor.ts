import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiError } from '@mintfax/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth-context';
import { IdempotencyStore } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';

const MAX_KEY_LENGTH = 255;

/**
 * `Idempotency-Key` on every authenticated POST: the first request runs and its answer is kept
 * for 24 h; the same request again gets that answer with `Idempotent-Replayed: true`.
 * Runs after authentication, so the scope is the key's environment (or account).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const header = request.headers['idempotency-key'];
    const scope = request.auth?.environmentId ?? request.auth?.accountId;
    if (request.method !== 'POST' || header === undefined || !scope) return next.handle();

    if (typeof header !== 'string' || header.length === 0 || header.length > MAX_KEY_LENGTH) {
      throw new ApiError('validation_failed', { errors: { 'Idempotency-Key': [`Must be 1 to ${MAX_KEY_LENGTH} characters, sent once.`] } });
    }
    const claim = await this.store.claim(scope, header, requestFingerprint(request.method, request.url, request.body));
    switch (claim.kind) {
      case 'replay':
        void reply.status(claim.status).header('idempotent-replayed', 'true');
        return of(claim.body);
      case 'reuse':
        throw new ApiError('idempotency_key_reuse');
      case 'in_progress':
        throw new ApiError('idempotency_key_in_progress');
      case 'claimed':
        return next.handle().pipe(
          mergeMap((body) => from(this.store.complete(claim.id, reply.statusCode, body).then(() => body))),
          catchError((error: unknown) => from(this.store.abandon(claim.id)).pipe(mergeMap(() => throwError(() => error)))),
        );
      default: {
        const unknown: never = claim;
        throw new Error(`Unhandled claim ${JSON.stringify(unknown)}`);
      }
    }
  }
}
