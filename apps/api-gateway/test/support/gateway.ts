import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gatewayConfigSpec, loadConfig } from '@mintfax/config';
import { bootstrap } from '../../src/main';

export interface Gateway {
  app: NestFastifyApplication;
  base: string;
  /** fetch against the gateway, with `key` as the Bearer token and `body` sent as JSON. */
  call(method: string, path: string, options?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

// Tests fire requests faster than any client: the limits get their own tests (rate-limit.e2e-spec.ts,
// auth-failures.e2e-spec.ts, uploads.e2e-spec.ts).
const UNLIMITED = { RATE_LIMIT_LIVE: '100000', RATE_LIMIT_SANDBOX: '100000', AUTH_FAILURE_LIMIT: '100000', UPLOADS_PER_ACCOUNT: '1000' };

/** The real gateway on a free port; `env` is the test file's `serviceEnv(infra())` plus any overrides. */
export async function startGateway(env: Record<string, string>): Promise<Gateway> {
  const app = await bootstrap(loadConfig(gatewayConfigSpec, { ...UNLIMITED, ...env, GATEWAY_PORT: '0' }));
  const base = await app.getUrl();
  return {
    app,
    base,
    call: (method, path, { key, body, headers = {} } = {}) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          ...(key !== undefined && { authorization: `Bearer ${key}` }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

/** The error code of an envelope response. */
export async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { error?: string };
  return body.error;
}
