import { Injectable } from '@nestjs/common';
import { QueueConnections } from '../queue.module';
import { isFree, QueueProducer } from '../queue-producer';
import { QUEUES } from '../queues';
import { WEBHOOK_JOB_NAME, webhookJobId, webhookJobOptions, type WebhookAttemptJob } from './webhook-delivery.job';

/**
 * Adds delivery attempts: the first ones fanned out from the outbox, scheduled retries, and manual
 * retries from the API, and the sweep's re-enqueues. Each caller's connection fails fast while Redis
 * is away; the delivery is owed in Postgres before any of them adds its job, so the sweep adds what
 * could not be added.
 */
@Injectable()
export class WebhookDeliveryQueue extends QueueProducer<WebhookAttemptJob> {
  constructor(connections: QueueConnections) {
    super(QUEUES.webhookDelivery, connections);
  }

  async addNow(jobs: WebhookAttemptJob[]): Promise<void> {
    await this.queue.addBulk(jobs.map((data) => ({ name: WEBHOOK_JOB_NAME, data, opts: webhookJobOptions(data) })));
  }

  async addLater(job: WebhookAttemptJob, delayMs: number): Promise<void> {
    await this.add(job, delayMs);
  }

  /**
   * Runs attempt `job.attempt` now: promotes it if it waits for its scheduled time, replaces a finished
   * job of that id (skipped while its endpoint was disabled, or given up on), adds it otherwise.
   * One already waiting or running is left alone.
   */
  async runNow(job: WebhookAttemptJob): Promise<void> {
    const existing = await this.clearFinished(webhookJobId(job));
    if (existing.state === 'delayed') await existing.job?.promote();
    else if (existing.free) await this.add(job);
  }

  /** Whether attempt `job.attempt` has its job waiting, running or scheduled (read only: the sweep's first look). */
  async hasLiveJob(job: WebhookAttemptJob): Promise<boolean> {
    return !isFree(await this.queue.getJobState(webhookJobId(job)));
  }

  /**
   * The sweep's enqueue for a delivery owed in Postgres: adds its job unless one is waiting, running
   * or scheduled, replacing a finished one (failed for good while Postgres was away, say).
   */
  async restore(job: WebhookAttemptJob): Promise<boolean> {
    if (!(await this.clearFinished(webhookJobId(job))).free) return false;
    await this.add(job);
    return true;
  }

  private async add(job: WebhookAttemptJob, delayMs = 0): Promise<void> {
    await this.queue.add(WEBHOOK_JOB_NAME, job, webhookJobOptions(job, delayMs));
  }
}
