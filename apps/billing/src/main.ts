import 'reflect-metadata';
import { loadConfigOrExit, billingConfigSpec, type BillingConfig } from '@mintfax/config';
import { runMain, startApp } from '@mintfax/platform';
import { BillingModule } from './app.module';

export async function bootstrap(config: BillingConfig) {
  return startApp('billing', config, (runtime) => BillingModule.forRoot(config, runtime), { rawBody: true });
}

if (require.main === module) {
  runMain('billing', () => bootstrap(loadConfigOrExit(billingConfigSpec, 'billing')));
}
