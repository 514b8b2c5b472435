import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';

// Probes and scrapes arrive every few seconds; logging them would drown the real traffic.
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** A logger whose every line carries the request's id, for logs written while serving it. */
export function requestLogger(logger: PinoLogger, request: Pick<FastifyRequest, 'id'>): PinoLogger {
  return logger.child({ request_id: request.id });
}

/** One JSON line per finished request: id, method, url, status and duration. */
export function registerRequestLogging(fastify: FastifyInstance, logger: PinoLogger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?', 1)[0];
    if (!QUIET_PATHS.has(path)) {
      logger.info(
        {
          request_id: request.id,
          method: request.method,
          url: request.url,
          status: reply.statusCode,
          duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        },
        'request completed',
      );
    }
    done();
  });
}
