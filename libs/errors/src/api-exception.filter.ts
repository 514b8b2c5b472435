import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildErrorEnvelope } from './error-envelope';
import { mapException } from './exception-mapping';

/** The part of a pino logger the filter needs. */
export interface ErrorLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ApiExceptionFilterOptions {
  docsBaseUrl: string;
  logger: ErrorLogger;
}

/**
 * The one way errors leave an HTTP app (docs/architecture.md "Request path"): everything thrown
 * becomes the catalog envelope carrying the request id; our own faults are logged, never shown.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly options: ApiExceptionFilterOptions) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.respond(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** Also called directly for errors Fastify raises before Nest sees the request (bad URLs). */
  respond(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const requestId = String(request.id);
    const logFields = { request_id: requestId, method: request.method, url: request.url };

    const { error, unexpected } = mapException(exception, {
      method: request.method,
      url: request.url,
      contentType: request.headers['content-type'],
      bodyLimitBytes: request.routeOptions?.bodyLimit,
    });
    if (unexpected) {
      this.options.logger.error({ ...logFields, err: exception }, 'request failed with an unexpected error');
    }
    if (reply.sent) {
      // A streamed response already started: its status is gone, so the log is all we can do.
      this.options.logger.warn({ ...logFields, err: exception }, 'error after the response was sent');
      return;
    }

    const envelope = buildErrorEnvelope({
      code: error.code,
      message: error.message,
      context: error.context,
      requestId,
      docsBaseUrl: this.options.docsBaseUrl,
    });
    void reply
      .status(error.status)
      .headers({ ...error.headers, 'x-request-id': requestId })
      .type('application/json; charset=utf-8')
      .send(envelope);
  }
}
