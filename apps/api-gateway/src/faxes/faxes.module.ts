import { Module } from '@nestjs/common';
import { FaxQueue } from './fax-queue';
import { FaxesController } from './faxes.controller';
import { FaxesService } from './faxes.service';

@Module({
  controllers: [FaxesController],
  providers: [FaxesService, FaxQueue],
})
export class FaxesModule {}
