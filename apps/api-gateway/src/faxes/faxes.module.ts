import { Module } from '@nestjs/common';
import { FaxDocuments, FaxesService } from '@mintfax/faxes';
import { FaxDispatchQueue, QueueModule } from '@mintfax/queue';
import { FaxesController } from './faxes.controller';
import { UploadSlots } from './upload-slots';

@Module({
  // Fails fast while Redis is away: the fax is committed, and the fax-worker's sweep enqueues it.
  imports: [QueueModule.register({ failFast: true }, [FaxDispatchQueue])],
  controllers: [FaxesController],
  providers: [FaxesService, FaxDocuments, UploadSlots],
})
export class FaxesModule {}
