import { parentPort } from 'node:worker_threads';
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
}

/** The pool's entry point in each worker thread (built as dist/libs/documents/src/document-worker.js). */
export default async function runDocumentTask(task: DocumentTask): Promise<DocumentTaskResult> {
  // The time limit counts from here, not from when the task was queued.
  parentPort?.postMessage({ documentTaskStarted: task.id } satisfies DocumentTaskStarted);
  try {
    const prepared = await prepareDocument({ ...task, bytes: new Uint8Array(task.bytes) });
    // The PDF's buffer moves to the calling thread instead of being copied; piscina unwraps the value.
    return move({ [transferableSymbol]: prepared.pdf.buffer, [valueSymbol]: { prepared } }) as unknown as DocumentTaskResult;
  } catch (error) {
    if (error instanceof DocumentRefusedError) return { refused: { reason: error.reason, message: error.message } };
    throw error;
  }
}
