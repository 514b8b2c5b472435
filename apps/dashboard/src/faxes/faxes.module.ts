import { Module } from '@nestjs/common';
import { FaxDocuments, FaxesService } from '@mintfax/faxes';
import { FaxDispatchQueue, QueueModule } from '@mintfax/queue';
import { FaxesController } from './faxes.controller';

@Module({
  // As in the gateway: while Redis is away the fax is committed anyway and the fax-worker's sweep enqueues it.
  imports: [QueueModule.register({ failFast: true }, [FaxDispatchQueue])],
  controllers: [FaxesController],
  providers: [FaxesService, FaxDocuments],
})
export class FaxesModule {}
