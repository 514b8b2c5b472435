import { faxWorkerConfigSpec, loadConfig } from '@mintfax/config';
import { QUEUES } from '@mintfax/queue';
import { describeServiceEndpoints } from '@mintfax/testing';
import { bootstrap } from '../src/main';

describeServiceEndpoints('fax-worker', (env) => bootstrap(loadConfig(faxWorkerConfigSpec, { ...env, WORKER_HTTP_PORT: '0' })), {
  queues: [QUEUES.faxDispatch],
});
