import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { PrismaService } from '@mintfax/db';
import { REDIS } from '../redis/redis.module';
import { withTimeout } from '../with-timeout';
import { Metrics } from './metrics';

const CHECK_TIMEOUT_MS = 2000;

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: Metrics,
  ) {}

  /** The process is up; says nothing about its dependencies. */
  @Get('healthz')
  @HttpCode(200)
  healthz() {
    return { status: 'ok' };
  }

  /** Ready to serve: Postgres and Redis both answer. 503 otherwise, with which one failed. */
  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return await this.health.check([
        () => this.probe('postgres', () => this.prisma.$queryRaw`SELECT 1`),
        () => this.probe('redis', () => this.redis.ping()),
      ]);
    } catch (error) {
      const body = (error as { getResponse?: () => unknown }).getResponse?.();
      if (!body) throw error;
      reply.status(503);
      return body;
    }
  }

  @Get('metrics')
  async metricsText(@Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('content-type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }

  private async probe(key: string, ping: () => Promise<unknown>) {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(ping(), CHECK_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
