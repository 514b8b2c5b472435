import 'reflect-metadata';
import { loadConfigOrExit, gatewayConfigSpec, type GatewayConfig } from '@mintfax/config';
import { runMain, startApp } from '@mintfax/platform';
import { GatewayModule } from './app.module';

export async function bootstrap(config: GatewayConfig) {
  return startApp('api-gateway', config, (runtime) => GatewayModule.forRoot(config, runtime));
}

if (require.main === module) {
  runMain('api-gateway', () => bootstrap(loadConfigOrExit(gatewayConfigSpec, 'api-gateway')));
}
