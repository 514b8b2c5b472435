import 'reflect-metadata';
import { loadConfigOrExit, webhookDispatcherConfigSpec, type WebhookDispatcherConfig } from '@mintfax/config';
import { runMain, startApp } from '@mintfax/platform';
import { WebhookDispatcherModule } from './app.module';

export async function bootstrap(config: WebhookDispatcherConfig) {
  return startApp('webhook-dispatcher', config, (runtime) => WebhookDispatcherModule.forRoot(config, runtime));
}

if (require.main === module) {
  runMain('webhook-dispatcher', () => bootstrap(loadConfigOrExit(webhookDispatcherConfigSpec, 'webhook-dispatcher')));
}
