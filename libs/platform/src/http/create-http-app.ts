import multipart from '@fastify/multipart';
import { ApiExceptionFilter, createValidationPipe } from '@mintfax/errors';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { ulid } from '@mintfax/db';
import { NestPinoLogger } from './nest-pino-logger';
import { Metrics } from '../service/metrics';
import { registerRequestLogging } from './request-logging';
import { registerRequestMetrics } from './request-metrics';
import { limitJsonDepth, refuseFormBodies } from './body-parsers';
import { answerClientError } from './client-errors';

export interface HttpAppOptions {
  docsBaseUrl: string;
  logger: PinoLogger;
  /** Largest accepted request body; Fastify's default (1 MiB) when unset. */
  bodyLimitBytes?: number;
  /** Keeps the unparsed body on `request.rawBody`, e.g. for Stripe signature checks. */
  rawBody?: boolean;
  /** Observes every request's latency, 404s and errors included. */
  metrics?: Metrics;
  /**
   * Reverse proxies (addresses, CIDR ranges) whose X-Forwarded-For is believed: `request.ip` is then
   * the client before them. Unset, it is the peer address and X-Forwarded-For is ignored.
   */
  trustedProxies?: readonly string[];
  /**
   * Accepts multipart/form-data with at most one file of this size. The body is left unread until
   * the route reads it with readMultipartBody, after its guards: a refused request costs no upload.
   */
  multipartFileLimitBytes?: number;
}

/** A Nest app on Fastify with the platform's request ids, error envelope, validation and logs. */
export async function createHttpApp(
  rootModule: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const errorFilter = new ApiExceptionFilter({ docsBaseUrl: options.docsBaseUrl, logger: options.logger });
  const adapter = new FastifyAdapter({
    genReqId: () => `req_${ulid()}`,
    // The router rejects a malformed URL before any hook or Nest handler runs.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      errorFilter.respond(error, request, reply),
    // Ids are ours alone: a client-supplied X-Request-Id must not end up in our logs as one.
    requestIdHeader: false,
    clientErrorHandler: answerClientError(options.docsBaseUrl, options.logger),
    trustProxy: options.trustedProxies ? [...options.trustedProxies] : false,
    logger: false,
    ...(options.bodyLimitBytes !== undefined && { bodyLimit: options.bodyLimitBytes }),
  });
  prepareFastify(adapter.getInstance(), options);
  if (options.multipartFileLimitBytes !== undefined) {
    // Each part is streamed and cut off at its limit: no upload is buffered beyond it.
    await adapter.getInstance().register(multipart, {
      limits: { fileSize: options.multipartFileLimitBytes, files: 1, fields: 40, fieldSize: 64 * 1024, parts: 41 },
    });
  }

  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new NestPinoLogger(options.logger),
    rawBody: options.rawBody ?? false,
  });
  limitJsonDepth(app, options.bodyLimitBytes);
  refuseFormBodies(app);
  app.useGlobalFilters(errorFilter);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}

// Hooks go on before Nest registers any route, so they cover every route and the 404 handler.
function prepareFastify(fastify: FastifyInstance, { logger, metrics }: HttpAppOptions): void {
  // onRequest runs before routing and body parsing, so 404s and parser errors carry the id too.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  registerRequestLogging(fastify, logger);
  if (metrics) registerRequestMetrics(fastify, metrics);
  // The API speaks JSON (and multipart where a route registers it): a text/plain body is
  // a client mistake to reject as `invalid_request`, not a string to hand to a DTO.
  fastify.removeContentTypeParser('text/plain');
}
