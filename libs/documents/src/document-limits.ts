import { refusal } from './document-refusal';

/**
 * What one document may cost (docs/api/documents.md). The pool enforces the time and memory
 * limits from outside the worker (its options may change them); the others are counted inside.
 */
export const DOCUMENT_LIMITS = {
  uploadBytes: 10 * 1024 * 1024,
  pages: 500,
  /** Bytes the document's compressed content inflates to: PDF streams, decoded image pixels. */
  decompressedBytes: 200 * 1024 * 1024,
  /** Indirect objects in one PDF, object streams included: parsing each costs time and memory. */
  pdfObjects: 150_000,
  timeLimitMs: 10_000,
  heapLimitMb: 512,
} as const;

/** The running count of one document against the limits counted inside the worker. */
export class DocumentBudget {
  private inflated = 0;
  private objects = 0;

  get remainingBytes(): number {
    return DOCUMENT_LIMITS.decompressedBytes - this.inflated;
  }

  chargeInflated(bytes: number): void {
    this.inflated += bytes;
    if (this.inflated > DOCUMENT_LIMITS.decompressedBytes) throw refusal('too_large_decompressed');
  }

  countObjects(count: number): void {
    this.objects += count;
    if (this.objects > DOCUMENT_LIMITS.pdfObjects) throw refusal('too_complex');
  }
}
