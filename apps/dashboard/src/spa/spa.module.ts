import { Module } from '@nestjs/common';
import { basename, join } from 'node:path';
import { SpaController } from './spa.controller';
import { SpaFiles } from './spa-files';

/**
 * The page `npm run build` made, dist/apps/dashboard/web: beside the server it serves, or, when
 * Jest runs this file from apps/dashboard/src, under the workspace's dist/.
 */
const APP_DIR = join(__dirname, '..', '..');
const WEB_DIR = basename(join(APP_DIR, '..', '..')) === 'dist' ? join(APP_DIR, 'web') : join(APP_DIR, '..', '..', 'dist', 'apps', 'dashboard', 'web');

@Module({
  controllers: [SpaController],
  providers: [{ provide: SpaFiles, useFactory: () => new SpaFiles(WEB_DIR) }],
})
export class SpaModule {}
