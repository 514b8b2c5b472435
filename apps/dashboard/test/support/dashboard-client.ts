import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { dashboardConfigSpec, loadConfig } from '@mintfax/config';
import { bootstrap } from '../../src/main';

/** A browser's view of the dashboard API: its cookie jar and the CSRF token the page would hold. */
export class DashboardClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(readonly base: string) {}

  /** A JSON request as the page sends it: same-origin, with the session cookie and the CSRF token. */
  async call(method: string, path: string, { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        origin: this.base,
        ...(this.cookie && { cookie: this.cookie }),
        ...(this.csrfToken && { 'x-csrf-token': this.csrfToken }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return response;
  }

  /** Calls and reads the JSON answer, failing with the envelope when the status is not `status`. */
  async json<T>(method: string, path: string, status: number, options?: { body?: unknown; headers?: Record<string, string> }): Promise<T> {
    const response = await this.call(method, path, options);
    const text = await response.text();
    if (response.status !== status) throw new Error(`${method} ${path} answered ${response.status}, not ${status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** The dashboard in this process on a free port; `env` is the test file's `serviceEnv(infra())` plus overrides. */
export async function startDashboard(env: Record<string, string>): Promise<{ app: NestFastifyApplication; base: string }> {
  const app = await bootstrap(loadConfig(dashboardConfigSpec, { ...env, DASHBOARD_PORT: '0' }));
  return { app, base: await app.getUrl() };
}
