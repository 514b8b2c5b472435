import 'reflect-metadata';
import { checkGatewayConfig, loadConfigOrExit, gatewayConfigSpec, type GatewayConfig } from '@mintfax/config';
import { MAX_DOCUMENT_BYTES } from '@mintfax/faxes';
import { runMain, startApp } from '@mintfax/platform';
import { GatewayModule } from './app.module';
import { OpenApiDocument } from './openapi/openapi-document';

export async function bootstrap(config: GatewayConfig) {
  checkGatewayConfig(config);
  const app = await startApp('api-gateway', config, (runtime) => GatewayModule.forRoot(config, runtime), {
    // A 10 MB document as base64 in JSON, with room for the other fields.
    bodyLimitBytes: Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024,
    multipartFileLimitBytes: MAX_DOCUMENT_BYTES,
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
