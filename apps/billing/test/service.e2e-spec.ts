import { billingConfigSpec, loadConfig } from '@mintfax/config';
import { QUEUES } from '@mintfax/queue';
import { describeServiceEndpoints } from '@mintfax/testing';
import { bootstrap } from '../src/main';

describeServiceEndpoints('billing', (env) => bootstrap(loadConfig(billingConfigSpec, { ...env, BILLING_PORT: '0' })), { queues: [QUEUES.topUp] });
