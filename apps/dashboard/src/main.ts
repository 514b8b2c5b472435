import 'reflect-metadata';
import { checkDashboardConfig, dashboardConfigSpec, loadConfigOrExit, type DashboardConfig } from '@mintfax/config';
import { DOCUMENT_LIMITS } from '@mintfax/documents';
import { runMain, startApp } from '@mintfax/platform';
import { DashboardModule } from './app.module';

export async function bootstrap(config: DashboardConfig) {
  checkDashboardConfig(config);
  // A fax's document arrives as a multipart file, as on the API.
  return startApp('dashboard', config, (runtime) => DashboardModule.forRoot(config, runtime), { multipartFileLimitBytes: DOCUMENT_LIMITS.uploadBytes });
}

if (require.main === module) {
  runMain('dashboard', () => bootstrap(loadConfigOrExit(dashboardConfigSpec, 'dashboard')));
}
