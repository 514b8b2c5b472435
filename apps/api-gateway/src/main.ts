import 'reflect-metadata';
import { checkGatewayConfig, loadConfigOrExit, gatewayConfigSpec, type GatewayConfig } from '@mintfax/config';
import { DOCUMENT_LIMITS } from '@mintfax/documents';
import { runMain, startApp } from '@mintfax/platform';
import { GatewayModule } from './app.module';
import { OpenApiDocument } from './openapi/openapi-document';

export async function bootstrap(config: GatewayConfig) {
  checkGatewayConfig(config);
  const app = await startApp('api-gateway', config, (runtime) => GatewayModule.forRoot(config, runtime), {
    // A 10 MB document as base64 in JSON, with room for the other fields.
    bodyLimitBytes: Math.ceil((DOCUMENT_LIMITS.uploadBytes * 4) / 3) + 64 * 1024,
    multipartFileLimitBytes: DOCUMENT_LIMITS.uploadBytes,
    trustedProxies: config.trustedProxies,
    // Telnyx's callbacks are verified over the exact bytes received.
    rawBody: config.carrier === 'telnyx',
  });
  // Synchronous, right after listen resolved: no request can be served before it.
  app.get(OpenApiDocument).attach(app);
  return app;
}

if (require.main === module) {
  runMain('api-gateway', () => bootstrap(loadConfigOrExit(gatewayConfigSpec, 'api-gateway')));
}
