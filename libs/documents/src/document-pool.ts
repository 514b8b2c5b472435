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
  private readonly maxQueue: number;
  private readonly onStart = new Map<number, () => void>();
  private lastTaskId = 0;

  constructor(options: DocumentPoolOptions = {}) {
    const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
    this.timeLimitMs = options.timeLimitMs ?? DOCUMENT_LIMITS.timeLimitMs;
    this.maxQueue = options.maxQueue ?? DEFAULT_MAX_QUEUE;
    this.piscina = new Piscina({
      ...workerScript(),
      minThreads: threads,
      maxThreads: threads,
      resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb ?? DOCUMENT_LIMITS.heapLimitMb },
    });
    this.piscina.on('message', (message: DocumentTaskStarted) => this.onStart.get(message.documentTaskStarted)?.());
    // A worker lost between tasks is replaced by the pool; with no task of its own, nobody is owed an answer.
    this.piscina.on('error', () => undefined);
  }

  async prepareDocument(input: PrepareDocumentInput): Promise<PreparedDocument> {
    if (input.cover) printedDate(input.cover.date); // a caller's mistake, told apart from a refused upload
    if (this.piscina.queueSize >= this.maxQueue) throw new DocumentPoolBusyError();
    const id = (this.lastTaskId += 1);
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    this.onStart.set(id, () => (timer = setTimeout(() => abort.abort(), this.timeLimitMs)));
    // A copy moves to the worker: the caller's buffer stays usable (and may be a slice of a larger one).
    const bytes = new Uint8Array(input.bytes);
    try {
      const result = await this.piscina.run(
        { id, bytes: bytes.buffer, filename: input.filename ?? null, pageSize: input.pageSize, cover: input.cover ?? null, dropFirstPage: input.dropFirstPage ?? false },
        { transferList: [bytes.buffer], signal: abort.signal },
      );
      if ('refused' in result) throw new DocumentRefusedError(result.refused.reason, result.refused.message);
      return result.prepared;
    } catch (error) {
      if (abort.signal.aborted) throw refusal('too_slow');
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') throw refusal('too_large_decompressed');
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
