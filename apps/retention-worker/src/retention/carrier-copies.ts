import { Inject, Injectable, type Provider } from '@nestjs/common';
import { telnyxAccess, type RetentionWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { deleteCarrierCopies, liveCarrierCopies, type CarrierCopies } from '@mintfax/faxes';
import { LOGGER, type Logger } from '@mintfax/platform';

const CARRIER_COPIES = Symbol('CARRIER_COPIES');

/** Built at start, so a CARRIER=telnyx without TELNYX_API_KEY stops the app saying so; null without a carrier. */
export function carrierCopiesProvider(config: RetentionWorkerConfig): Provider {
  return { provide: CARRIER_COPIES, useValue: liveCarrierCopies(telnyxAccess(config)) };
}

/** After each purge: the live carrier's copies of the purged documents go too (docs/operations.md "Privacy"). */
@Injectable()
export class CarrierCopyPurge {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CARRIER_COPIES) private readonly copies: CarrierCopies | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** How many copies were deleted; one the carrier failed to delete is logged and tried again by the next run. */
  async run(now: Date, faxId?: string): Promise<number> {
    if (!this.copies) return 0;
    const { deleted, failed } = await deleteCarrierCopies(this.prisma, this.copies, now, faxId);
    if (failed.length > 0) this.logger.warn({ failed }, 'carrier copies not deleted; the next retention run tries again');
    return deleted;
  }
}
