import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { insertCoverPage } from './cover-page';
import { DOCUMENT_LIMITS, DocumentBudget } from './document-limits';
import { DocumentRefusedError, refusal, type DocumentKind } from './document-refusal';
import { addJpegPage, addPngPage } from './image-pages';
import { addPdfPages } from './pdf-pages';
import { PAGE_SIZES, type PageDimensions, type PrepareDocumentInput, type PreparedDocument, type SourceContentType } from './prepared-document';
import { sniffContentType } from './sniff-content-type';
import { addTiffPages } from './tiff-pages';

type AddPages = (out: PDFDocument, bytes: Uint8Array, size: PageDimensions, budget: DocumentBudget) => Promise<void> | void;

const SOURCES: Record<SourceContentType, { kind: DocumentKind; addPages: AddPages }> = {
  'application/pdf': { kind: 'PDF', addPages: addPdfPages },
  'image/tiff': { kind: 'TIFF image', addPages: addTiffPages },
  'image/jpeg': { kind: 'JPEG image', addPages: addJpegPage },
  'image/png': { kind: 'PNG image', addPages: addPngPage },
};

/** pdf-lib's JPEG reader and utif2 read a typed array's whole `.buffer`; a view into a larger one (a pooled Buffer) is copied. */
function spanningItsBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Turns an upload into the fax-ready PDF: its pages on portrait pages of the chosen size, after
 * the cover page if one is asked for. Runs inside a pool worker (see DocumentPool), which bounds
 * its time and memory; the other limits are counted here.
 */
export async function prepareDocument(input: PrepareDocumentInput): Promise<PreparedDocument> {
  const bytes = spanningItsBuffer(input.bytes);
  if (bytes.length === 0) throw refusal('empty');
  if (bytes.length > DOCUMENT_LIMITS.uploadBytes) throw refusal('too_large');
  const contentType = sniffContentType(bytes);
  if (!contentType) throw refusal('unsupported_type');
  const { kind, addPages } = SOURCES[contentType];
  const size = PAGE_SIZES[input.pageSize];
  const out = await PDFDocument.create({ updateMetadata: false });
  try {
    await addPages(out, bytes, size, new DocumentBudget());
  } catch (error) {
    // Anything a parser or decoder throws on an upload means no reader could print it either.
    throw error instanceof DocumentRefusedError ? error : refusal('damaged', kind);
  }
  if (input.dropFirstPage && out.getPageCount() > 1) out.removePage(0);
  if (out.getPageCount() === 0) throw refusal('no_pages', kind);
  if (input.cover) await insertCoverPage(out, input.cover, size);
  const pdf = await out.save({ useObjectStreams: false });
  return {
    pdf,
    pages: out.getPageCount(),
    sha256: sha256(pdf),
    sizeBytes: pdf.length,
    source: { contentType, sizeBytes: bytes.length, sha256: sha256(bytes), filename: input.filename ?? null },
  };
}
