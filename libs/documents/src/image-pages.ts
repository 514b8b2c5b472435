import { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { DocumentBudget } from './document-limits';
import { refusal, type DocumentKind } from './document-refusal';
import { fitImageToPage } from './page-placement';
import type { PageDimensions } from './prepared-document';

/** Adds a page showing the image XObject `image`, `width`×`height` in any unit of equal scale on both axes. */
export function addImagePage(out: PDFDocument, image: PDFRef, width: number, height: number, size: PageDimensions): void {
  const page = out.addPage([size.width, size.height]);
  const name = page.node.newXObject('Image', image);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...fitImageToPage(width, height, size)), drawObject(name), popGraphicsState());
}

/** A JPEG goes into the PDF as it is (DCT); its header is checked here since no decoder reads it before the far end. */
export async function addJpegPage(out: PDFDocument, bytes: Uint8Array, size: PageDimensions, budget: DocumentBudget): Promise<void> {
  const { width, height, components } = jpegFrame(bytes);
  budget.chargeInflated(width * height * components);
  const image = await out.embedJpg(bytes);
  addImagePage(out, image.ref, width, height, size);
}

/** pdf-lib decodes a PNG to RGBA before compressing it again: its pixels count four bytes each. */
export async function addPngPage(out: PDFDocument, bytes: Uint8Array, size: PageDimensions, budget: DocumentBudget): Promise<void> {
  const { width, height } = pngHeader(bytes);
  budget.chargeInflated(width * height * 4);
  const image = await out.embedPng(bytes);
  addImagePage(out, image.ref, width, height, size);
}

const damaged = (kind: DocumentKind) => refusal('damaged', kind);

/** Walks the JPEG's marker segments to its frame header; a file without one, or without its end marker, is damaged. */
function jpegFrame(bytes: Uint8Array): { width: number; height: number; components: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!hasJpegEnd(bytes)) throw damaged('JPEG image');
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw damaged('JPEG image');
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or scan data before any frame
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    // Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc && at + 10 <= bytes.length) {
      const height = view.getUint16(at + 5);
      const width = view.getUint16(at + 7);
      const components = bytes[at + 9] ?? 0;
      if (width === 0 || height === 0 || components === 0) throw damaged('JPEG image');
      return { width, height, components };
    }
    at += 2 + length;
  }
  throw damaged('JPEG image');
}

function hasJpegEnd(bytes: Uint8Array): boolean {
  // Encoders may pad after the end-of-image marker; look for it near the end.
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i -= 1) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}

/** The PNG's header chunk; a file that does not end with its end chunk was cut short. */
function pngHeader(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isChunk = (at: number, type: string) =>
    at >= 0 && at + 8 <= bytes.length && Buffer.from(bytes.buffer, bytes.byteOffset + at + 4, 4).toString('latin1') === type;
  const signatureHeaderAndEnd = 8 + 25 + 12;
  if (bytes.length < signatureHeaderAndEnd || !isChunk(8, 'IHDR') || !isChunk(bytes.length - 12, 'IEND')) throw damaged('PNG image');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) throw damaged('PNG image');
  return { width, height };
}
