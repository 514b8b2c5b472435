import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { ApiError } from '@mintfax/errors';

/**
 * At most UPLOADS_PER_ACCOUNT fax uploads of one account in flight in this process (docs/api/routes.md
 * "Sending a fax"). Per process on purpose: what it bounds is this process's memory, and a count
 * that dies with its process can never leak a slot.
 */
@Injectable()
export class UploadSlots {
  private readonly inFlight = new Map<string, number>();
  private readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.limit = config.uploadsPerAccount;
  }

  /** Takes a slot of the account, or throws `rate_limit_exceeded`; the function returned frees it, once. */
  take(accountId: string): () => void {
    const taken = this.inFlight.get(accountId) ?? 0;
    if (taken >= this.limit) {
      throw new ApiError('rate_limit_exceeded', { uploads_in_flight: taken }, {
        message: `This account already has ${taken} fax uploads in flight, the most it may; retry once one of them is answered.`,
        headers: { 'Retry-After': '1' },
      });
    }
    this.inFlight.set(accountId, taken + 1);
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      const left = (this.inFlight.get(accountId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(accountId, left);
      else this.inFlight.delete(accountId);
    };
  }
}
