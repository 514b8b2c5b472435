import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { SpaController } from './spa.controller';
import { SpaFiles } from './spa-files';

/** The page `npm run build` made, whether this file runs from dist/apps/dashboard/src or, under Jest, from apps/dashboard/src. */
const WEB_DIR = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'dashboard', 'web');

@Module({
  controllers: [SpaController],
  providers: [{ provide: SpaFiles, useFactory: () => new SpaFiles(WEB_DIR) }],
})
export class SpaModule {}
