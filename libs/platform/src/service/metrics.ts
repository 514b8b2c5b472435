import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { withTimeout } from '../with-timeout';

/** Job counts of one queue by state, as BullMQ's Queue.getJobCounts answers them. */
export type QueueCounts = () => Promise<Record<string, number>>;

const QUEUE_COUNT_TIMEOUT_MS = 1_000;

/**
 * The process's Prometheus registry. Its own registry rather than prom-client's global one,
 * so several apps can live in one process (tests) without clashing metric names.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'mintfax_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly jobOutcomes = new Counter({
    name: 'mintfax_jobs_total',
    help: 'Queue jobs finished, by queue and outcome.',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly queues = new Map<string, QueueCounts>();

  /** Read at scrape time from Redis: the signal an autoscaler scales each worker on. */
  readonly queueJobs = new Gauge({
    name: 'mintfax_queue_jobs',
    help: 'Jobs in each queue by state (waiting, active, delayed, failed).',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
    collect: () => this.collectQueueDepths(),
  });

  /** Reports `queue`'s depth on /metrics; each app watches the queues it consumes. */
  watchQueue(queue: string, counts: QueueCounts): void {
    this.queues.set(queue, counts);
  }

  private async collectQueueDepths(): Promise<void> {
    await Promise.all(
      [...this.queues].map(async ([queue, counts]) => {
        try {
          for (const [state, jobs] of Object.entries(await withTimeout(counts(), QUEUE_COUNT_TIMEOUT_MS))) {
            this.queueJobs.set({ queue, state }, jobs);
          }
        } catch {
          // Redis is away: /readyz says so, and the scrape must not hang or fail for it.
        }
      }),
    );
  }

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry });
  }
}
