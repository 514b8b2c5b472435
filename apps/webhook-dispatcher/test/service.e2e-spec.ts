import { webhookDispatcherConfigSpec, loadConfig } from '@mintfax/config';
import { describeServiceEndpoints } from '@mintfax/testing';
import { bootstrap } from '../src/main';

describeServiceEndpoints('webhook-dispatcher', (env) => bootstrap(loadConfig(webhookDispatcherConfigSpec, { ...env, WORKER_HTTP_PORT: '0' })));
