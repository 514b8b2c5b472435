import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import { DOCUMENT_LIMITS, type DocumentBudget } from './document-limits';
import { refusal } from './document-refusal';
import { parseWithBudget } from './pdf-streams';

const WHITESPACE_OR_DIGIT = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20, ...'0123456789'.split('').map((digit) => digit.charCodeAt(0))]);

/** Parses an uploaded PDF within the budget, refusing what no reader could print. */
export async function loadSourcePdf(bytes: Uint8Array, budget: DocumentBudget): Promise<PDFDocument> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A file cut short loses its trailer and end-of-file marker (Acrobat wants it in the last kilobyte);
  // what is left may still parse, its page tree listing pages that are gone.
  if (!buffer.subarray(-1024).includes('%%EOF')) throw refusal('damaged');
  budget.countObjects(countIndirectObjects(buffer));
  const pdf = await parseWithBudget(budget, () =>
    // Encryption is checked below: pdf-lib's EncryptedPDFError, compiled to ES5, is not `instanceof` itself.
    PDFDocument.load(bytes, { parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: true, updateMetadata: false, ignoreEncryption: true }),
  );
  if (pdf.isEncrypted) throw refusal('encrypted');
  return pdf;
}

/**
 * Counts the `obj` keywords that open indirect objects outside object streams (`12 0 obj`; not
 * `endobj`), stopping past the limit: a cheap scan before a parse that costs per object.
 */
function countIndirectObjects(buffer: Buffer): number {
  let count = 0;
  for (let at = buffer.indexOf('obj', 1); at !== -1 && count <= DOCUMENT_LIMITS.pdfObjects; at = buffer.indexOf('obj', at + 3)) {
    if (WHITESPACE_OR_DIGIT.has(buffer[at - 1] ?? 0)) count += 1;
  }
  return count;
}
