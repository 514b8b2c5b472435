import { ApiError } from '@mintfax/errors';
import { EncryptedPDFError, PDFDocument } from 'pdf-lib';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export type DocumentType = 'application/pdf' | 'image/tiff' | 'image/jpeg';

export interface InspectedDocument {
  contentType: DocumentType;
  pages: number;
}

function invalidFile(message: string): ApiError {
  return new ApiError('validation_failed', { errors: { file: [message] } });
}

/** The type is decided by the bytes, never by the file name or a declared content type. */
export function sniffType(bytes: Uint8Array): DocumentType | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.indexOf('%PDF-') !== -1) return 'application/pdf';
  if (head.length >= 4 && ((head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0x00) || (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0x00 && head[3] === 0x2a))) {
    return 'image/tiff';
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/** Decides the type and counts the pages; anything a fax machine could not print is `validation_failed` on `file`. */
export async function inspectDocument(bytes: Uint8Array): Promise<InspectedDocument> {
  if (bytes.length === 0) throw invalidFile('The file is empty.');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw invalidFile('The file is larger than the limit of 10 MB.');
  const contentType = sniffType(bytes);
  switch (contentType) {
    case 'application/pdf':
      return { contentType, pages: await pdfPages(bytes) };
    case 'image/tiff':
      return { contentType, pages: tiffPages(bytes) };
    case 'image/jpeg':
      if (!hasJpegEnd(bytes)) {
        throw invalidFile('The JPEG image is truncated or damaged.');
      }
      return { contentType, pages: 1 };
    case undefined:
      throw invalidFile('The file must be a PDF, TIFF or JPEG document; its content is none of these.');
    default: {
      const unknown: never = contentType;
      throw new Error(`Unhandled document type ${String(unknown)}`);
    }
  }
}

async function pdfPages(bytes: Uint8Array): Promise<number> {
  let pages: number;
  try {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    pages = pdf.getPageCount();
  } catch (error) {
    if (error instanceof EncryptedPDFError) {
      throw invalidFile('The PDF is encrypted (password protected); send an unprotected copy.');
    }
    throw invalidFile('The PDF is damaged and cannot be read.');
  }
  if (pages === 0) throw invalidFile('The PDF has no pages.');
  return pages;
}

/** Walks the chain of image directories: one per page. */
function tiffPages(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const damaged = () => invalidFile('The TIFF image is damaged and cannot be read.');
  if (bytes.length < 8) throw damaged();
  let offset = view.getUint32(4, little);
  const seen = new Set<number>();
  let pages = 0;
  while (offset !== 0) {
    if (seen.has(offset) || offset + 2 > bytes.length) throw damaged();
    seen.add(offset);
    const entries = view.getUint16(offset, little);
    const next = offset + 2 + entries * 12;
    if (entries === 0 || next + 4 > bytes.length) throw damaged();
    pages += 1;
    offset = view.getUint32(next, little);
  }
  if (pages === 0) throw invalidFile('The TIFF file holds no image.');
  return pages;
}

function hasJpegEnd(bytes: Uint8Array): boolean {
  // Encoders may pad after the end-of-image marker; look for it near the end.
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i -= 1) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}
