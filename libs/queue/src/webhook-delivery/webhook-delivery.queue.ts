import { Injectable } from '@nestjs/common';
import { QueueConnections } from '../queue.module';
import { QueueProducer } from '../queue-producer';
import { QUEUES } from '../queues';
import { WEBHOOK_JOB_NAME, webhookJobId, webhookJobOptions, type WebhookAttemptJob } from './webhook-delivery.job';

/**
 * Adds delivery attempts: the first ones fanned out from the outbox, scheduled retries, and manual
 * retries from the API. Each caller's connection fails fast while Redis is away: the claim then
 * rolls back and is tried again, a retry that cannot be scheduled fails its job (which BullMQ runs
 * again), and the API answers with an error.
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
    switch (existing.state) {
      case 'delayed':
        await existing.job?.promote();
        return;
      case 'completed':
      case 'failed':
      case 'unknown':
        await this.add(job);
        return;
      default:
        return;
    }
  }

  private async add(job: WebhookAttemptJob, delayMs = 0): Promise<void> {
    await this.queue.add(WEBHOOK_JOB_NAME, job, webhookJobOptions(job, delayMs));
  }
}
