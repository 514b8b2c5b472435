import { deflateSync } from 'node:zlib';
import type { PDFDocument } from 'pdf-lib';
import * as UTIF from 'utif2';
import { DOCUMENT_LIMITS, type DocumentBudget } from './document-limits';
import { refusal } from './document-refusal';
import { addImagePage } from './image-pages';
import type { PageDimensions } from './prepared-document';

// None, CCITT (RLE, Group 3, Group 4), LZW, JPEG (old and new), Deflate, PackBits: what scanners and fax software write.
const COMPRESSIONS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 32773, 32946]);
const WHITE_IS_ZERO = 0;
const BLACK_IS_ZERO = 1;
// Bytes per value of each TIFF field type (BYTE, ASCII, SHORT, LONG, RATIONAL, SBYTE, UNDEFINED, SSHORT, SLONG, SRATIONAL, FLOAT, DOUBLE, IFD).
const FIELD_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

const damaged = () => refusal('damaged', 'TIFF image');

/**
 * Adds one page per image of a (multi-page) TIFF: each decoded by utif2 into a grayscale image
 * (one bit per pixel for bilevel pages, as faxes are), compressed with Flate, drawn to fit the
 * page at its own resolution (fax scans often have pixels twice as tall as wide).
 */
export function addTiffPages(out: PDFDocument, bytes: Uint8Array, size: PageDimensions, budget: DocumentBudget): void {
  checkDirectories(bytes);
  // The ArrayBuffer itself (prepareDocument makes `bytes` span it): utif2 copies a typed array on every call.
  const file = bytes.buffer as ArrayBuffer;
  const decode = UTIF.decode as (buffer: ArrayBuffer, options: { parseMN: boolean; debug: boolean }) => UTIF.IFD[];
  const pages = decode(file, { parseMN: false, debug: false });
  for (const page of pages) {
    if (((tagNumber(page, 't254') ?? 0) & 1) === 1) continue; // a reduced-size copy (thumbnail) of another page
    const width = tagNumber(page, 't256');
    const height = tagNumber(page, 't257');
    if (!width || !height || !COMPRESSIONS.has(tagNumber(page, 't259') ?? 1)) throw damaged();
    const bitsPerPixel = (tagNumber(page, 't258') ?? 1) * (tagNumber(page, 't277') ?? 1);
    budget.chargeInflated(height * Math.ceil((width * bitsPerPixel) / 8));
    UTIF.decodeImage(file, page);
    const image = grayscale(page, width, height, budget);
    const ref = out.context.register(
      out.context.stream(deflateSync(image.data), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: image.bits,
        Filter: 'FlateDecode',
        ...(image.whiteIsZero ? { Decode: [1, 0] } : {}),
      }),
    );
    const [xResolution, yResolution] = resolutions(page);
    addImagePage(out, ref, width / xResolution, height / yResolution, size);
  }
}

/** Walks the chain of image directories (one per page) checking every offset before utif2 trusts them. */
function checkDirectories(bytes: Uint8Array): void {
  if (bytes.length < 8) throw damaged();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const seen = new Set<number>();
  for (let offset = view.getUint32(4, little); offset !== 0; ) {
    if (seen.has(offset) || offset + 2 > bytes.length) throw damaged();
    seen.add(offset);
    if (seen.size > DOCUMENT_LIMITS.pages) throw refusal('too_many_pages');
    const entries = view.getUint16(offset, little);
    const next = offset + 2 + entries * 12;
    if (entries === 0 || next + 4 > bytes.length) throw damaged();
    for (let entry = offset + 2; entry < next; entry += 12) {
      const length = view.getUint32(entry + 4, little) * (FIELD_SIZES[view.getUint16(entry + 2, little)] ?? 0);
      if (length > 4 && view.getUint32(entry + 8, little) + length > bytes.length) throw damaged();
    }
    offset = view.getUint32(next, little);
  }
  if (seen.size === 0) throw refusal('no_pages', 'TIFF image');
}

/** The page as PDF DeviceGray samples: bilevel and 8-bit gray pages as decoded, others converted from RGBA. */
function grayscale(page: UTIF.IFD, width: number, height: number, budget: DocumentBudget): { data: Uint8Array; bits: 1 | 8; whiteIsZero: boolean } {
  const bits = tagNumber(page, 't258') ?? 1;
  const samples = tagNumber(page, 't277') ?? 1;
  // utif2 reads a bilevel page without the tag as white-is-zero, the fax convention.
  const photometric = tagNumber(page, 't262') ?? (bits === 1 ? WHITE_IS_ZERO : undefined);
  if (samples === 1 && (bits === 1 || bits === 8) && (photometric === WHITE_IS_ZERO || photometric === BLACK_IS_ZERO)) {
    return { data: padded(page.data, height * Math.ceil((width * bits) / 8)), bits, whiteIsZero: photometric === WHITE_IS_ZERO };
  }
  budget.chargeInflated(width * height * 4);
  const rgba = UTIF.toRGBA8(page);
  const gray = new Uint8Array(width * height);
  for (let pixel = 0, at = 0; pixel < gray.length; pixel += 1, at += 4) {
    const luma = ((rgba[at] ?? 0) * 77 + (rgba[at + 1] ?? 0) * 150 + (rgba[at + 2] ?? 0) * 29) >> 8;
    const alpha = rgba[at + 3] ?? 255;
    gray[pixel] = (luma * alpha + 255 * (255 - alpha)) / 255; // transparent reads as paper
  }
  return { data: gray, bits: 8, whiteIsZero: false };
}

/** utif2 leaves the data short when strips are missing; PDF readers want every row. */
function padded(data: Uint8Array, length: number): Uint8Array {
  if (data.length >= length) return data.subarray(0, length);
  const full = new Uint8Array(length);
  full.set(data);
  return full;
}

function tagNumber(page: UTIF.IFD, tag: string): number | undefined {
  const value = page[tag];
  return Array.isArray(value) && typeof value[0] === 'number' ? value[0] : undefined;
}

/** Pixels per unit across and down (RATIONAL, read by utif2 as `[numerator, denominator]`); square when either is missing. */
function resolutions(page: UTIF.IFD): [number, number] {
  const ratio = (tag: string): number => {
    const value = page[tag];
    return Array.isArray(value) && Array.isArray(value[0]) ? Number(value[0][0]) / Number(value[0][1]) : NaN;
  };
  const [x, y] = [ratio('t282'), ratio('t283')];
  return x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : [1, 1];
}
