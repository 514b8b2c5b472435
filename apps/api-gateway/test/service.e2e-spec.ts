import { gatewayConfigSpec, loadConfig } from '@mintfax/config';
import { ERROR_CODES, errorDocsSlug } from '@mintfax/errors';
import { describeServiceEndpoints, serviceEnv, useTestInfrastructure } from '@mintfax/testing';
import { bootstrap } from '../src/main';

const start = (env: Record<string, string>) => bootstrap(loadConfig(gatewayConfigSpec, { ...env, GATEWAY_PORT: '0' }));

describeServiceEndpoints('api-gateway', start);

describe('api-gateway error docs', () => {
  const infra = useTestInfrastructure();

  it('serves a page for every error code at the URL the envelope links to', async () => {
    const app = await start(serviceEnv(infra()));
    try {
      const base = await app.getUrl();
      for (const code of ERROR_CODES) {
        const page = await fetch(`${base}/docs/errors/${errorDocsSlug(code)}`);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(await page.text()).toContain(code);
      }
    } finally {
      await app.close();
    }
  });
});
