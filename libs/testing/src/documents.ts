import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { degrees, PDFDocument } from 'pdf-lib';

/** A real PDF of `pages` letter pages, each saying its number. */
export async function pdfDocument(pages = 1): Promise<Buffer> {
  return pdfOfPages(Array.from({ length: pages }, () => ({ width: 612, height: 792 })));
}

export interface PdfPageShape {
  width: number;
  height: number;
  /** The page's `/Rotate`, clockwise degrees. */
  rotate?: number;
}

/** A real PDF with one page of each given shape, each saying its number. */
export async function pdfOfPages(shapes: PdfPageShape[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  shapes.forEach(({ width, height, rotate = 0 }, index) => {
    const page = pdf.addPage([width, height]);
    page.setRotation(degrees(rotate));
    page.drawText(`page ${index + 1}`, { x: 50, y: height - 100 });
  });
  return Buffer.from(await pdf.save());
}

/**
 * A 2-page PDF cut after the last whole object of its first half: the part a reader parses
 * still lists both pages, but the second, the trailer and the end-of-file marker are gone.
 */
export async function pdfCutInHalf(): Promise<Buffer> {
  const whole = await PDFDocument.load(await pdfDocument(2));
  const bytes = Buffer.from(await whole.save({ useObjectStreams: false }));
  return bytes.subarray(0, bytes.lastIndexOf('endobj', bytes.length / 2) + 'endobj\n'.length);
}

/** The header and objects 1, 2, … of a PDF, from their bodies. */
const pdfObjects = (bodies: string[]): string => `%PDF-1.7\n${bodies.map((body, index) => `${index + 1} 0 obj\n${body}\nendobj\n`).join('')}`;
const pdfTrailer = (size: number, entries = ''): string => `trailer\n<< /Size ${size} /Root 1 0 R ${entries}>>\n%%EOF\n`;

/** A PDF of the given objects (the first the catalog); readers find objects by scanning without a cross-reference table. */
function pdfFromObjects(bodies: string[], trailerEntries = ''): Buffer {
  return Buffer.from(pdfObjects(bodies) + pdfTrailer(bodies.length + 1, trailerEntries), 'latin1');
}

const CATALOG_AND_ONE_PAGE = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
];

/**
 * A PDF of about 1 MB whose object stream inflates to `inflatedMb` megabytes of zeros. The
 * deflate data is one megabyte's block repeated: a full flush resets the compressor, so each
 * block is the same bytes.
 */
export function pdfDecompressionBomb(inflatedMb = 256): Buffer {
  const megabyte = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const adler32 = Buffer.alloc(4);
  adler32.writeUInt32BE(((inflatedMb * (1 << 20)) % 65521) * 65536 + 1); // of n zero bytes: a = 1, b = n mod 65521
  const blocks = Array.from({ length: inflatedMb }, () => megabyte);
  const zlibStream = Buffer.concat([Buffer.from([0x78, 0xda]), ...blocks, deflateRawSync(Buffer.alloc(0)), adler32]);
  const objectStream = `4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${zlibStream.length} >>\nstream\n`;
  return Buffer.concat([
    Buffer.from(pdfObjects(CATALOG_AND_ONE_PAGE) + objectStream, 'latin1'),
    zlibStream,
    Buffer.from(`\nendstream\nendobj\n${pdfTrailer(5)}`, 'latin1'),
  ]);
}

/** A one-page PDF followed by `objects` small objects: 200 000 make 9.6 MB, under the upload limit, costly to parse. */
export function pdfWithManyObjects(objects = 200_000): Buffer {
  const filler = Array.from({ length: objects }, (_, index) => `<< /Tiny (object ${index}) >>`);
  return pdfFromObjects([...CATALOG_AND_ONE_PAGE, ...filler]);
}

/** A PDF whose trailer declares standard (password) encryption. */
export function encryptedPdf(): Buffer {
  const key = '<' + '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a' + '>';
  return pdfFromObjects([...CATALOG_AND_ONE_PAGE, `<< /Filter /Standard /V 1 /R 2 /O ${key} /U ${key} /P -4 >>`], '/Encrypt 4 0 R ');
}

export interface TiffPageShape {
  width: number;
  height: number;
  /** Pixels per inch across and down; fax "standard" resolution is 204×98. */
  resolution?: [number, number];
}

/**
 * A little-endian TIFF of `pages` bilevel (white-is-zero) pages, uncompressed, all white but a
 * black first row.
 */
export function tiffDocument(pages = 1, shape: TiffPageShape = { width: 8, height: 8 }): Buffer {
  const rowBytes = Math.ceil(shape.width / 8);
  const strip = Buffer.alloc(rowBytes * shape.height);
  strip.fill(0xff, 0, rowBytes);
  return tiffFile(Array.from({ length: pages }, () => ({ ...shape, strip })));
}

/** A TIFF declaring a page of 4294967295×4294967295 pixels, with one byte of them. */
export function oversizedTiff(): Buffer {
  return tiffFile([{ width: 0xffffffff, height: 0xffffffff, strip: Buffer.alloc(1) }]);
}

/** Per page: an image directory (each tag one value, held in the entry) followed by its strip. */
function tiffFile(pages: (TiffPageShape & { strip: Buffer })[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00])];
  let offset = 8;
  pages.forEach((page, index) => {
    const tags: [number, number, number][] = [
      [256, 4, page.width], // ImageWidth, LONG
      [257, 4, page.height], // ImageLength
      [258, 3, 1], // BitsPerSample, SHORT
      [259, 3, 1], // Compression: none
      [262, 3, 0], // PhotometricInterpretation: white is zero
      [273, 4, 0], // StripOffsets, set below
      [277, 3, 1], // SamplesPerPixel
      [278, 4, page.height], // RowsPerStrip
      [279, 4, page.strip.length], // StripByteCounts
      // X/YResolution (RATIONAL, stored after the directory), ResolutionUnit: inch
      ...(page.resolution ? ([[282, 5, 0], [283, 5, 0], [296, 3, 2]] as [number, number, number][]) : []),
    ];
    const directorySize = 2 + tags.length * 12 + 4;
    const rationals = offset + directorySize;
    const stripOffset = rationals + (page.resolution ? 16 : 0);
    const directory = Buffer.alloc(directorySize);
    directory.writeUInt16LE(tags.length, 0);
    tags.forEach(([tag, type, value], entry) => {
      const at = 2 + entry * 12;
      directory.writeUInt16LE(tag, at);
      directory.writeUInt16LE(type, at + 2);
      directory.writeUInt32LE(1, at + 4);
      const stored = tag === 273 ? stripOffset : tag === 282 ? rationals : tag === 283 ? rationals + 8 : value;
      if (type === 3) directory.writeUInt16LE(stored, at + 8);
      else directory.writeUInt32LE(stored, at + 8);
    });
    const next = stripOffset + page.strip.length;
    directory.writeUInt32LE(index + 1 < pages.length ? next : 0, directorySize - 4);
    parts.push(directory);
    if (page.resolution) {
      const values = Buffer.alloc(16);
      values.writeUInt32LE(page.resolution[0], 0);
      values.writeUInt32LE(1, 4);
      values.writeUInt32LE(page.resolution[1], 8);
      values.writeUInt32LE(1, 12);
      parts.push(values);
    }
    parts.push(page.strip);
    offset = next;
  });
  return Buffer.concat(parts);
}

/**
 * A baseline grayscale JPEG of `width`×`height` mid-gray pixels that any decoder reads: each 8×8
 * block is coded as "no difference, end of block", two one-bit codes under tables that hold
 * just those symbols.
 */
export function jpegDocument(width = 16, height = 16): Buffer {
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const oneCodeTable = (tableClassAndId: number) => segment(0xc4, [tableClassAndId, 1, ...new Array<number>(15).fill(0), 0x00]);
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const scan = Buffer.alloc(Math.ceil((blocks * 2) / 8));
  const usedBits = (blocks * 2) % 8;
  if (usedBits > 0) scan[scan.length - 1] = 0xff >> usedBits; // pad the last byte with one-bits
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    Buffer.from(segment(0xdb, [0x00, ...new Array<number>(64).fill(1)])), // quantisation table
    Buffer.from(segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0])), // baseline frame, one component
    Buffer.from(oneCodeTable(0x00)), // DC: the only symbol is "difference 0"
    Buffer.from(oneCodeTable(0x10)), // AC: the only symbol is "end of block"
    Buffer.from(segment(0xda, [1, 1, 0x00, 0, 63, 0])),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** An 8-bit grayscale PNG of `width`×`height` white pixels. */
export function pngDocument(width = 16, height = 16): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, grayscale, deflate, no filter method, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0xff)]); // filter "none", then the pixels
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}
