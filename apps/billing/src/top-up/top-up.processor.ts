import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type BillingConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { QUEUES, QueueWorker, TopUpQueue, type JobResult, type TopUpJob } from '@mintfax/queue';
import { runTopUp, type ChargeCard } from '@mintfax/top-ups';
import type { Job } from 'bullmq';
import { STRIPE_CLIENT, type StripeClient } from '@mintfax/payments';
import { offSessionCharge } from './off-session-charge';

/** Consumes `top-up`: one job = one top-up owed by a pool, credited (sandbox) or charged (live). */
@Injectable()
export class TopUpProcessor extends QueueWorker<TopUpJob> {
  private readonly chargeCard: ChargeCard;

  constructor(
    @Inject(APP_CONFIG) private readonly config: BillingConfig,
    @Inject(STRIPE_CLIENT) stripe: StripeClient,
    private readonly prisma: PrismaService,
    topUps: TopUpQueue,
  ) {
    super(QUEUES.topUp, { concurrency: 4, depth: topUps });
    this.chargeCard = offSessionCharge(stripe);
  }

  protected describe({ data }: Job<TopUpJob>) {
    return { top_up_id: data.topUpId };
  }

  protected async handle({ data }: Job<TopUpJob>): Promise<JobResult> {
    return { outcome: await runTopUp(this.prisma, data.topUpId, this.config.creditPackages, this.chargeCard) };
  }
}
