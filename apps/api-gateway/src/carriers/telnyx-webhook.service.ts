import { Inject, Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { applyCarrierReport, inZeroFootprintEnvironment, parseTelnyxCallback, verifyTelnyxSignature, type ReportApplied } from '@mintfax/faxes';
import { LOGGER, type Logger } from '@mintfax/platform';
import { FaxDispatchQueue, FaxPurgeQueue } from '@mintfax/queue';

/** Injection token of the Ed25519 key Telnyx signs its callbacks with (TELNYX_PUBLIC_KEY). */
export const TELNYX_CALLBACK_KEY = Symbol('TELNYX_CALLBACK_KEY');

@Injectable()
export class TelnyxWebhookService {
  constructor(
    @Inject(TELNYX_CALLBACK_KEY) private readonly key: KeyObject,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    private readonly prisma: PrismaService,
    private readonly dispatches: FaxDispatchQueue,
    private readonly purges: FaxPurgeQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * A verified callback moves its fax through the fax-worker's own guarded transitions, so a
   * duplicate, late or out-of-order one changes nothing; one about no fax of ours, or a fax
   * that has moved on, is answered 200 all the same, or Telnyx would send it again for days.
   */
  async receive(
    rawBody: Buffer | undefined,
    body: unknown,
    headers: { signature: string | string[] | undefined; timestamp: string | string[] | undefined },
  ): Promise<{ received: true; outcome: string }> {
    verifyTelnyxSignature(this.key, rawBody, headers);
    const callback = parseTelnyxCallback(body);
    if ('ignored' in callback) return { received: true, outcome: 'ignored' };
    const applied = await applyCarrierReport(this.prisma, callback.reported, callback.report, this.config.retryBackoffMs);
    this.logger.info({ carrier_fax_id: callback.reported.carrierFaxId, event: callback.event, outcome: applied.kind }, 'Telnyx callback');
    await this.followUp(applied);
    return { received: true, outcome: applied.kind };
  }

  /** The next attempt's job, or the zero-footprint purge; either one the queue cannot take now, a sweep makes up for. */
  private async followUp(applied: ReportApplied): Promise<void> {
    try {
      if (applied.kind === 'retry') await this.dispatches.retry(applied.faxId, applied.attemptsDone, applied.retryAt);
      if ((applied.kind === 'delivered' || applied.kind === 'failed') && (await inZeroFootprintEnvironment(this.prisma, applied.faxId))) {
        await this.purges.enqueue(applied.faxId);
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, outcome: applied.kind }, 'follow-up of a Telnyx callback not enqueued; a sweep will pick the fax up');
    }
  }
}
