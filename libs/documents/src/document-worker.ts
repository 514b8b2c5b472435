import { parentPort, threadId } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { DocumentRefusedError, type RefusalReason } from './document-refusal';
import { prepareDocument } from './prepare-document';
import type { PrepareDocumentInput, PreparedDocument } from './prepared-document';

// pdf-lib and utif2 tell the console what they make of odd files: uploads must not write into the service's output.
for (const method of ['log', 'info', 'warn'] as const) console[method] = () => undefined;

export interface DocumentTask extends Omit<PrepareDocumentInput, 'bytes'> {
  id: number;
  bytes: ArrayBuffer;
}

/** A refusal travels back as a value: an error crossing threads loses its class and fields. */
export type DocumentTaskResult = { prepared: PreparedDocument } | { refused: { reason: RefusalReason; message: string } };

export interface DocumentTaskStarted {
  documentTaskStarted: number;
  /** The thread to end if the document outlives its time limit. */
  threadId: number;
}

/** The task under way in this thread, if any: the next one waits for it (see runDocumentTask). */
let current: Promise<unknown> = Promise.resolve();

/**
 * The pool's entry point in each worker thread (built as dist/libs/documents/src/document-worker.js).
 * The pool hands a worker its next documents before the one under way is done, so the thread never
 * idles waiting for the event loop to pass it one; they still run one at a time, in order, so the
 * document that costs a worker its life (its time limit, its heap) is always the one that started.
 */
export default function runDocumentTask(task: DocumentTask): Promise<DocumentTaskResult> {
  const run = current.then(() => prepare(task));
  current = run.catch(() => undefined);
  return run;
}

async function prepare(task: DocumentTask): Promise<DocumentTaskResult> {
  // The time limit counts from here, not from when the task was handed over.
  parentPort?.postMessage({ documentTaskStarted: task.id, threadId } satisfies DocumentTaskStarted);
  try {
    const prepared = await prepareDocument({ ...task, bytes: new Uint8Array(task.bytes) });
    // The PDF's buffer moves to the calling thread instead of being copied; piscina unwraps the value.
    return move({ [transferableSymbol]: prepared.pdf.buffer, [valueSymbol]: { prepared } }) as unknown as DocumentTaskResult;
  } catch (error) {
    if (error instanceof DocumentRefusedError) return { refused: { reason: error.reason, message: error.message } };
    throw error;
  }
}
