import { PDFDocument } from 'pdf-lib';

/** A real PDF of `pages` blank letter pages. */
export async function pdfDocument(pages = 1): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i += 1) pdf.addPage([612, 792]).drawText(`page ${i + 1}`, { x: 50, y: 700 });
  return Buffer.from(await pdf.save());
}

/**
 * A little-endian TIFF of `pages` 1×1 bilevel images: the header, then per page one image
 * directory (width, length, strip offset/count) and one byte of pixel data.
 */
export function tiffDocument(pages = 1): Buffer {
  const entries = 4;
  const ifdSize = 2 + entries * 12 + 4;
  const buffer = Buffer.alloc(8 + pages * (ifdSize + 1));
  buffer.write('II', 0, 'latin1');
  buffer.writeUInt16LE(42, 2);
  buffer.writeUInt32LE(8, 4);
  for (let page = 0; page < pages; page += 1) {
    const at = 8 + page * (ifdSize + 1);
    const pixel = at + ifdSize;
    buffer.writeUInt16LE(entries, at);
    const tag = (index: number, id: number, value: number) => {
      const entry = at + 2 + index * 12;
      buffer.writeUInt16LE(id, entry);
      buffer.writeUInt16LE(4, entry + 2); // LONG
      buffer.writeUInt32LE(1, entry + 4);
      buffer.writeUInt32LE(value, entry + 8);
    };
    tag(0, 256, 1); // ImageWidth
    tag(1, 257, 1); // ImageLength
    tag(2, 273, pixel); // StripOffsets
    tag(3, 279, 1); // StripByteCounts
    buffer.writeUInt32LE(page + 1 < pages ? at + ifdSize + 1 : 0, at + 2 + entries * 12);
  }
  return buffer;
}

/** The smallest well-formed JPEG stream shape: start of image, an APP0 segment, end of image. */
export function jpegDocument(): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.from([0xff, 0xd9])]);
}
