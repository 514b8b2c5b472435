import 'reflect-metadata';
import { loadConfigOrExit, faxWorkerConfigSpec, type FaxWorkerConfig } from '@mintfax/config';
import { runMain, startApp } from '@mintfax/platform';
import { FaxWorkerModule } from './app.module';

export async function bootstrap(config: FaxWorkerConfig) {
  return startApp('fax-worker', config, (runtime) => FaxWorkerModule.forRoot(config, runtime));
}

if (require.main === module) {
  runMain('fax-worker', () => bootstrap(loadConfigOrExit(faxWorkerConfigSpec, 'fax-worker')));
}
