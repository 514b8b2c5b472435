import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DOCUMENT_LIMITS } from '@mintfax/documents';
import { readMultipartBody } from '@mintfax/platform';
import type { AuthenticatedRequest } from '../auth/auth-context';
import { UploadSlots } from './upload-slots';

/**
 * `POST /v1/faxes`: takes one of the account's upload slots, held until the response closes however
 * it ends (answered, failed, or the client gone), then reads a multipart body. A guard, so that it
 * runs after authentication (a refused caller's upload is never read) and before the interceptors
 * that look at the body (text checks, the idempotency fingerprint).
 */
@Injectable()
export class FaxUploadGuard implements CanActivate {
  constructor(private readonly slots: UploadSlots) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    if (!request.auth) throw new Error('FaxUploadGuard ran before ApiKeyGuard authenticated the request.');
    const release = this.slots.take(request.auth.accountId);
    const response = http.getResponse<FastifyReply>().raw;
    if (response.closed) release();
    else response.once('close', release);
    if (request.isMultipart()) request.body = await readMultipartBody(request, DOCUMENT_LIMITS.uploadBytes);
    return true;
  }
}
