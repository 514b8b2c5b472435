import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gatewayConfigSpec, loadConfig } from '@mintfax/config';
import { serviceEnv, useTestInfrastructure } from '@mintfax/testing';
import type { INestApplication } from '@nestjs/common';
import { bootstrap } from '../../apps/api-gateway/src/main';

// The SDK's types are generated from the gateway's OpenAPI document and committed; a route or a
// field changed without regenerating them fails here (the generator runs from the build, where
// Node loads openapi-typescript's ES module dependencies).
describe('libs/sdk/src/generated/openapi.ts', () => {
  const infra = useTestInfrastructure();
  let gateway: INestApplication;

  beforeAll(async () => {
    gateway = await bootstrap(loadConfig(gatewayConfigSpec, { ...serviceEnv(infra()), GATEWAY_PORT: '0' }));
  });

  afterAll(() => gateway?.close());

  it('equals the types generated from the running gateway', async () => {
    const generator = join(__dirname, '..', '..', 'dist', 'tools', 'sdk', 'generate-types.js');
    const run = await promisify(execFile)(process.execPath, [generator, '--from', await gateway.getUrl(), '--check']).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(run).toEqual({ code: 0, stderr: '' });
  });
});
