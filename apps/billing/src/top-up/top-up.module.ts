import { Module } from '@nestjs/common';
import { QueueModule, TopUpQueue } from '@mintfax/queue';
import { stripeClientProvider } from '@mintfax/payments';
import { TopUpProcessor } from './top-up.processor';
import { TopUpSweep } from './top-up-sweep';

// Fails fast while Redis is away: the top-up stays owed in Postgres and the next sweep enqueues it.
@Module({ imports: [QueueModule.register({ failFast: true }, [TopUpQueue])], providers: [TopUpProcessor, TopUpSweep, stripeClientProvider] })
export class TopUpModule {}
