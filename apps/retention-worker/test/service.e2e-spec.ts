import { retentionWorkerConfigSpec, loadConfig } from '@mintfax/config';
import { QUEUES } from '@mintfax/queue';
import { describeServiceEndpoints } from '@mintfax/testing';
import { bootstrap } from '../src/main';

describeServiceEndpoints('retention-worker', (env) => bootstrap(loadConfig(retentionWorkerConfigSpec, { ...env, WORKER_HTTP_PORT: '0' })), {
  queues: [QUEUES.retention],
});
