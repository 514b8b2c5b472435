import { DynamicModule, Module } from '@nestjs/common';
import { telnyxPublicKey } from '@mintfax/faxes';
import { FaxDispatchQueue, FaxPurgeQueue, QueueModule } from '@mintfax/queue';
import { TelnyxWebhookController } from './telnyx-webhook.controller';
import { TELNYX_CALLBACK_KEY, TelnyxWebhookService } from './telnyx-webhook.service';

/** The live carrier's status callbacks, served only with `CARRIER=telnyx`: without a carrier the route does not exist. */
@Module({})
export class CarrierCallbacksModule {
  static register(publicKey: string): DynamicModule {
    return {
      module: CarrierCallbacksModule,
      // Fails fast while Redis is away: the fax is settled, and the sweeps enqueue what is left to do.
      imports: [QueueModule.register({ failFast: true }, [FaxDispatchQueue, FaxPurgeQueue])],
      controllers: [TelnyxWebhookController],
      providers: [{ provide: TELNYX_CALLBACK_KEY, useValue: telnyxPublicKey(publicKey) }, TelnyxWebhookService],
    };
  }
}
