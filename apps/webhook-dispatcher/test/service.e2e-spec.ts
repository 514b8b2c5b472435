import { webhookDispatcherConfigSpec, loadConfig } from '@mintfax/config';
import { QUEUES } from '@mintfax/queue';
import { describeServiceEndpoints } from '@mintfax/testing';
import { bootstrap } from '../src/main';

describeServiceEndpoints('webhook-dispatcher', (env) => bootstrap(loadConfig(webhookDispatcherConfigSpec, { ...env, WORKER_HTTP_PORT: '0' })), {
  queues: [QUEUES.webhookDelivery],
});
