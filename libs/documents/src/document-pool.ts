import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import Piscina from 'piscina';
import { printedDate } from './cover-date';
import { DOCUMENT_LIMITS } from './document-limits';
import { DocumentPoolBusyError, DocumentRefusedError, refusal } from './document-refusal';
import type { DocumentTask, DocumentTaskResult, DocumentTaskStarted } from './document-worker';
import type { PrepareDocumentInput, PreparedDocument } from './prepared-document';

export interface DocumentPoolOptions {
  /** Worker threads; by default one per core but one, left to the event loop. */
  threads?: number;
  /** Wall-clock time a document may take once a worker has started on it. */
  timeLimitMs?: number;
  /** Heap (V8 old generation) of each worker; a worker past it dies and its document is refused. */
  heapLimitMb?: number;
  /** Documents waiting for a worker before more are turned away with DocumentPoolBusyError. */
  maxQueue?: number;
}

const DEFAULT_MAX_QUEUE = 64;

/**
 * Documents a worker holds at once: the one under way and the next ones, lined up in the thread
 * itself (see runDocumentTask), so it goes from one to the next without a round trip through a
 * busy event loop. Measured on two cores, one at a time left the worker idle four fifths of the time.
 */
const TASKS_PER_WORKER = 4;

/**
 * Runs of a document whose worker was lost before the document started: lost to another document
 * (over its time or heap limit), it is run again on the replacement worker.
 */
const RUNS_BEFORE_START = 3;

/**
 * Where the worker's code is: built JavaScript next to this file, or (under Jest, which runs
 * the TypeScript sources) the source file, compiled on load by tools/swc-register.js.
 */
function workerScript(): { filename: string; execArgv?: string[] } {
  if (__filename.endsWith('.js')) return { filename: join(__dirname, 'document-worker.js') };
  return { filename: join(__dirname, 'document-worker.ts'), execArgv: ['--require', join(__dirname, '..', '..', '..', 'tools', 'swc-register.js')] };
}

/**
 * Prepares documents (see prepareDocument) in worker threads, so that no upload holds the event
 * loop, and bounds each: a worker over the time limit is stopped, one over its heap dies on its
 * own; both refuse that document, and the pool replaces the worker.
 */
export class DocumentPool {
  private readonly piscina: Piscina<DocumentTask, DocumentTaskResult>;
  private readonly timeLimitMs: number;
  /** Documents not yet started past which more are turned away: maxQueue, plus one per thread. */
  private readonly maxWaiting: number;
  private readonly onStart = new Map<number, (threadId: number) => void>();
  private lastTaskId = 0;
  private waiting = 0;

  constructor(options: DocumentPoolOptions = {}) {
    const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
    this.timeLimitMs = options.timeLimitMs ?? DOCUMENT_LIMITS.timeLimitMs;
    this.maxWaiting = (options.maxQueue ?? DEFAULT_MAX_QUEUE) + threads;
    this.piscina = new Piscina({
      ...workerScript(),
      minThreads: threads,
      maxThreads: threads,
      concurrentTasksPerWorker: TASKS_PER_WORKER,
      resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb ?? DOCUMENT_LIMITS.heapLimitMb },
    });
    this.piscina.on('message', (message: DocumentTaskStarted) => this.onStart.get(message.documentTaskStarted)?.(message.threadId));
    // A worker lost between tasks is replaced by the pool; with no task of its own, nobody is owed an answer.
    this.piscina.on('error', () => undefined);
  }

  async prepareDocument(input: PrepareDocumentInput): Promise<PreparedDocument> {
    if (input.cover) printedDate(input.cover.date); // a caller's mistake, told apart from a refused upload
    if (this.waiting >= this.maxWaiting) throw new DocumentPoolBusyError();
    this.waiting += 1;
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      this.waiting -= 1;
    };
    try {
      for (let run = 1; ; run += 1) {
        try {
          return await this.runOnce(input, start);
        } catch (error) {
          if (started) throw error;
          // Only the document under way can cost a worker its life: one still lined up goes again.
          if (run === RUNS_BEFORE_START) throw new DocumentPoolBusyError();
        }
      }
    } finally {
      start();
    }
  }

  private async runOnce(input: PrepareDocumentInput, onStart: () => void): Promise<PreparedDocument> {
    const id = (this.lastTaskId += 1);
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    // The time limit ends the worker itself, not through piscina's abort: piscina lines nothing up
    // behind a task that may be aborted, and every document has a limit.
    this.onStart.set(id, (threadId) => {
      onStart();
      timer = setTimeout(() => {
        timedOut = true;
        void this.piscina.threads.find((thread) => thread.threadId === threadId)?.terminate();
      }, this.timeLimitMs);
    });
    // A copy moves to the worker: the caller's buffer stays usable (and may be a slice of a larger one).
    const bytes = new Uint8Array(input.bytes);
    try {
      const result = await this.piscina.run(
        { id, bytes: bytes.buffer, filename: input.filename ?? null, pageSize: input.pageSize, cover: input.cover ?? null, dropFirstPage: input.dropFirstPage ?? false },
        { transferList: [bytes.buffer] },
      );
      onStart(); // an answer proves the start, whose message travels apart and may come second
      if ('refused' in result) throw new DocumentRefusedError(result.refused.reason, result.refused.message);
      return result.prepared;
    } catch (error) {
      if (timedOut) throw refusal('too_slow');
      // Only the document under way outgrows the heap (the caller runs one still lined up again).
      if (timer && (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') throw refusal('too_large_decompressed');
      throw error;
    } finally {
      clearTimeout(timer);
      this.onStart.delete(id);
    }
  }

  /** Lets the documents under way finish, then stops the workers. */
  async close(): Promise<void> {
    await this.piscina.close();
  }
}
