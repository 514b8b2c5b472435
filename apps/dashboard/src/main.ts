import 'reflect-metadata';
import { checkDashboardConfig, dashboardConfigSpec, loadConfigOrExit, type DashboardConfig } from '@mintfax/config';
import { MAX_DOCUMENT_BYTES } from '@mintfax/faxes';
import { runMain, startApp } from '@mintfax/platform';
import { DashboardModule } from './app.module';

export async function bootstrap(config: DashboardConfig) {
  checkDashboardConfig(config);
  // A fax's document arrives as a multipart file, as on the API.
  return startApp('dashboard', config, (runtime) => DashboardModule.forRoot(config, runtime), { multipartFileLimitBytes: MAX_DOCUMENT_BYTES });
}

if (require.main === module) {
  runMain('dashboard', () => bootstrap(loadConfigOrExit(dashboardConfigSpec, 'dashboard')));
}
