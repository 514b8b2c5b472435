import type { Provider } from '@nestjs/common';
import { telnyxSending, type FaxWorkerConfig } from '@mintfax/config';
import { liveCarrier } from '@mintfax/faxes';

/** Injection token of the carrier live faxes go to (CARRIER); the processor sends through it, the sweep polls it. */
export const LIVE_CARRIER = Symbol('LIVE_CARRIER');

/** Built at start, so a CARRIER=telnyx missing one of its variables stops the app saying which. */
export function liveCarrierProvider(config: FaxWorkerConfig): Provider {
  return { provide: LIVE_CARRIER, useValue: liveCarrier(telnyxSending(config)) };
}
