import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../service/metrics';

/** Latency by route pattern (never the raw URL, whose ids would explode the label set). */
export function registerRequestMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
