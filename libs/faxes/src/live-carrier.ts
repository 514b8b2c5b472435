import type { TelnyxAccess, TelnyxSending } from '@mintfax/config';
import { UnconfiguredCarrier, type Carrier, type CarrierCopies } from './carrier';
import { createTelnyxClient, TelnyxCarrier, TelnyxCopies } from './telnyx/telnyx-carrier';

/** The carrier live faxes go to: Telnyx when `CARRIER=telnyx`, else one that fails them `carrier_not_configured`. */
export function liveCarrier(telnyx: TelnyxSending | null): Carrier {
  return telnyx ? new TelnyxCarrier(createTelnyxClient(telnyx), telnyx) : new UnconfiguredCarrier();
}

/** Where the live carrier keeps copies to delete after a purge; null when no carrier is configured. */
export function liveCarrierCopies(telnyx: TelnyxAccess | null): CarrierCopies | null {
  return telnyx ? new TelnyxCopies(createTelnyxClient(telnyx)) : null;
}
