import type { INestApplication } from '@nestjs/common';
import { useTestInfrastructure, type TestInfrastructure } from './infrastructure-env';

const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;

/** Environment for starting an app in a test: this file's database and Redis prefix, quiet logs. */
export function serviceEnv(infra: TestInfrastructure): Record<string, string> {
  return {
    DATABASE_URL: infra.databaseUrl,
    REDIS_URL: infra.redisUrl,
    REDIS_PREFIX: infra.redisPrefix,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  };
}

type Start = (env: Record<string, string>) => Promise<INestApplication>;

/** What every app serves: health, readiness of Postgres and Redis, metrics, the 404 envelope. */
export function describeServiceEndpoints(app: string, start: Start, { queues = [] }: { queues?: string[] } = {}): void {
  describe(`${app} service endpoints`, () => {
    const infra = useTestInfrastructure();
    let instance: INestApplication;
    let base: string;

    beforeAll(async () => {
      instance = await start(serviceEnv(infra()));
      base = await instance.getUrl();
    });

    afterAll(() => instance.close());

    it('answers /healthz', async () => {
      const response = await fetch(`${base}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('answers /readyz with Postgres and Redis up', async () => {
      const response = await fetch(`${base}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'ok',
        info: { postgres: { status: 'up' }, redis: { status: 'up' } },
      });
    });

    it('serves Prometheus metrics labelled with the app, request latency included', async () => {
      await fetch(`${base}/healthz`);
      const response = await fetch(`${base}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain(`process_cpu_seconds_total{app="${app}"}`);
      expect(text).toMatch(/mintfax_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
      // The depth of every queue the app consumes, the signal to scale it on.
      for (const queue of queues) expect(text).toMatch(new RegExp(`mintfax_queue_jobs\\{[^}]*queue="${queue}"[^}]*state="waiting"[^}]*\\} \\d+`));
    });

    it('answers an unknown route with the not_found envelope carrying the X-Request-Id', async () => {
      const response = await fetch(`${base}/v1/nope`);
      expect(response.status).toBe(404);
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(REQUEST_ID);
      expect(await response.json()).toEqual({
        error: 'not_found',
        message: expect.any(String),
        action: 'verify_id',
        docs: 'http://localhost:3000/docs/errors/not-found',
        request_id: requestId,
      });
    });

    it('reports 503 naming Redis when Redis does not answer', async () => {
      const broken = await start({ ...serviceEnv(infra()), REDIS_URL: 'redis://127.0.0.1:1' });
      try {
        const response = await fetch(`${await broken.getUrl()}/readyz`);
        expect(response.status).toBe(503);
        expect(await response.json()).toMatchObject({
          status: 'error',
          info: { postgres: { status: 'up' } },
          error: { redis: { status: 'down' } },
        });
      } finally {
        await broken.close();
      }
    });
  });
}
