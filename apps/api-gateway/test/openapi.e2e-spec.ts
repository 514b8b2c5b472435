import { serviceEnv, useTestInfrastructure } from '@mintfax/testing';
import { startGateway, type Gateway } from './support/gateway';
import { listRoutes } from './support/routes';

interface Operation {
  'x-mintfax-surface'?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>; securitySchemes: Record<string, unknown> };
}

describe('gateway OpenAPI document', () => {
  const infra = useTestInfrastructure();
  let gateway: Gateway;
  let document: Document;

  beforeAll(async () => {
    gateway = await startGateway(serviceEnv(infra()));
    const response = await fetch(`${gateway.base}/v1/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
  });

  afterAll(async () => {
    await gateway.app.close();
  });

  it('is an OpenAPI 3 document served without a key', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['account_key', 'environment_key']);
  });

  it('documents every route of the app with the surface and security the guards apply', () => {
    const SECURITY = { public: [], account: [{ account_key: [] }], operational: [{ environment_key: [] }] };
    const documented = listRoutes(gateway.app).filter((route) => !route.undocumented);
    expect(documented.length).toBeGreaterThan(10);
    for (const route of documented) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect({ route: `${route.method} ${route.path}`, surface: operation?.['x-mintfax-surface'], security: operation?.security }).toEqual({
        route: `${route.method} ${route.path}`,
        surface: route.surface,
        security: SECURITY[route.surface],
      });
    }
  });

  it('gives every 2xx and 3xx answer a content schema, except the bodiless 204', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!/^[23]\d\d$/.test(status) || status === '204') continue;
          const media = Object.entries(response.content ?? {});
          if (media.length === 0 || media.some(([, { schema }]) => !schema)) missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('defines every schema it refers to', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map(([, name]) => name);
    expect(refs.filter((name) => !document.components.schemas[name])).toEqual([]);
  });

  it.each([
    ['post', '/v1/account/register', 'RegisterDto', ['email', 'name']],
    ['post', '/v1/account/register/verify', 'VerifyRegistrationDto', ['code', 'email']],
    ['post', '/v1/account/keys', 'CreateApiKeyDto', ['name', 'scope_kind']],
    ['post', '/v1/account/environments', 'CreateEnvironmentDto', ['name', 'type']],
  ])('describes the body of %s %s with its required fields', (method, path, schema, required) => {
    const body = document.paths[path][method].requestBody?.content['application/json'].schema;
    expect(body?.$ref).toBe(`#/components/schemas/${schema}`);
    expect([...(document.components.schemas[schema].required ?? [])].sort()).toEqual(required);
  });

  it.each([
    ['get', '/v1/account', '200', 'AccountDto'],
    ['get', '/v1/account/balance', '200', 'AccountBalanceDto'],
    ['patch', '/v1/account/pools/{type}', '200', 'PoolBalanceDto'],
    ['get', '/v1/environment/balance', '200', 'PoolBalanceDto'],
    ['get', '/v1/account/keys', '200', 'ApiKeyListDto'],
    ['post', '/v1/account/keys', '201', 'CreatedApiKeyDto'],
    ['get', '/v1/environment', '200', 'EnvironmentDto'],
    ['post', '/v1/account/register/verify', '201', 'RegistrationDto'],
    ['post', '/v1/faxes', '201', 'FaxDto'],
    ['get', '/v1/faxes', '200', 'FaxListDto'],
    ['get', '/v1/faxes/{id}', '200', 'FaxDto'],
    ['get', '/v1/events', '200', 'EventListDto'],
    ['get', '/v1/events/{id}', '200', 'EventDto'],
    ['post', '/v1/webhooks', '201', 'WebhookEndpointWithSecretDto'],
    ['get', '/v1/webhooks', '200', 'WebhookEndpointListDto'],
    ['get', '/v1/webhooks/{id}/attempts', '200', 'WebhookAttemptListDto'],
    ['post', '/v1/webhooks/attempts/{id}/retry', '202', 'WebhookRetryDto'],
  ])('describes the answer of %s %s', (method, path, status, schema) => {
    expect(document.paths[path][method].responses[status].content?.['application/json'].schema).toEqual({
      $ref: `#/components/schemas/${schema}`,
    });
    expect(Object.keys(document.components.schemas[schema].properties ?? {}).length).toBeGreaterThan(0);
  });

  it('describes the fax image as the fax-ready PDF, whatever the upload was', () => {
    const content = document.paths['/v1/faxes/{id}/image'].get.responses['200'].content ?? {};
    expect(Object.keys(content)).toEqual(['application/pdf']);
    expect(content['application/pdf'].schema).toEqual({ type: 'string', format: 'binary' });
  });

  it('describes the pool settings, on the pool and in the PATCH body, and the balance events with their pool and top-up', () => {
    const schemas = document.components.schemas;
    expect(document.paths['/v1/account/pools/{type}'].patch.requestBody?.content['application/json'].schema.$ref).toBe('#/components/schemas/UpdatePoolDto');
    expect(Object.keys(schemas.UpdatePoolDto.properties ?? {}).sort()).toEqual(['auto_top_up', 'low_balance_threshold']);
    expect(Object.keys(schemas.PoolBalanceDto.properties ?? {}).sort()).toEqual(['auto_top_up', 'available', 'balance', 'held', 'low_balance_threshold', 'type']);
    expect((schemas.EventDto.properties?.type as { enum: string[] }).enum).toEqual(expect.arrayContaining(['balance.low', 'balance.topup', 'balance.topup_failed']));
    expect(JSON.stringify(schemas.EventDataDto.properties?.object)).toContain('#/components/schemas/PoolBalanceDto');
    expect(Object.keys(schemas.TopUpEventDto.properties ?? {})).toEqual(expect.arrayContaining(['id', 'package_id', 'credits', 'payment_id', 'failure_code', 'auto_top_up_disabled']));
  });
});
