import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { SpaController } from './spa.controller';
import { SpaFiles } from './spa-files';

/** The build puts the page beside the server: dist/apps/dashboard/{src,web}. */
const WEB_DIR = join(__dirname, '..', '..', 'web');

@Module({
  controllers: [SpaController],
  providers: [{ provide: SpaFiles, useFactory: () => new SpaFiles(WEB_DIR) }],
})
export class SpaModule {}
