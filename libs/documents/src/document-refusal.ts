/** Why a document was refused: a fixed set, so callers may map each to their own answer. */
export const REFUSAL_REASONS = [
  'empty',
  'too_large',
  'unsupported_type',
  'encrypted',
  'damaged',
  'no_pages',
  'too_many_pages',
  'too_complex',
  'too_large_decompressed',
  'too_slow',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** How a message names the document it refuses. */
export type DocumentKind = 'PDF' | 'TIFF image' | 'JPEG image' | 'PNG image';

/** A document the pool will not turn into a fax; `message` is written for the person who sent it. */
export class DocumentRefusedError extends Error {
  override readonly name = 'DocumentRefusedError';

  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** The pool's queue is full: the caller should ask again shortly. */
export class DocumentPoolBusyError extends Error {
  override readonly name = 'DocumentPoolBusyError';

  constructor() {
    super('Too many documents are being prepared; try again in a few seconds.');
  }
}

// Limits are spelled out as a sender reads them; they match DOCUMENT_LIMITS (the pool's time limit is an option, so unnamed).
const MESSAGES: Record<RefusalReason, (kind: DocumentKind) => string> = {
  empty: () => 'The file is empty.',
  too_large: () => 'The file is larger than the limit of 10 MB.',
  unsupported_type: () => 'The file must be a PDF, TIFF, JPEG or PNG document; its content is none of these.',
  encrypted: () => 'The PDF is encrypted (password protected); send an unprotected copy.',
  damaged: (kind) => `The ${kind} is truncated or damaged and cannot be read.`,
  no_pages: (kind) => `The ${kind} holds no page.`,
  too_many_pages: () => 'The document has more than 500 pages, the limit for one fax.',
  too_complex: () => 'The PDF is too complex: it holds more than 150,000 objects.',
  too_large_decompressed: () => 'The document is too large when decompressed: its content exceeds the limit of 200 MB.',
  too_slow: () => 'The document took too long to prepare; send a simpler file.',
};

export function refusal(reason: RefusalReason, kind: DocumentKind = 'PDF'): DocumentRefusedError {
  return new DocumentRefusedError(reason, MESSAGES[reason](kind));
}
