import 'reflect-metadata';
import { loadConfigOrExit, retentionWorkerConfigSpec, type RetentionWorkerConfig } from '@mintfax/config';
import { runMain, startApp } from '@mintfax/platform';
import { RetentionWorkerModule } from './app.module';

export async function bootstrap(config: RetentionWorkerConfig) {
  return startApp('retention-worker', config, (runtime) => RetentionWorkerModule.forRoot(config, runtime));
}

if (require.main === module) {
  runMain('retention-worker', () => bootstrap(loadConfigOrExit(retentionWorkerConfigSpec, 'retention-worker')));
}
