import { jpegDocument, pdfDocument, pdfOfPages, pngDocument, tiffDocument } from '@mintfax/testing';
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { DocumentPool } from './document-pool';
import { PAGE_SIZES, type PageSize } from './prepared-document';

async function pageShapes(pdf: Uint8Array): Promise<{ width: number; height: number; rotation: number }[]> {
  const document = await PDFDocument.load(pdf);
  return document.getPages().map((page) => ({ width: page.getWidth(), height: page.getHeight(), rotation: page.getRotation().angle }));
}

const upright = (pageSize: PageSize, pages: number) => Array.from({ length: pages }, () => ({ ...PAGE_SIZES[pageSize], rotation: 0 }));

describe('documents made fax-ready', () => {
  let pool: DocumentPool;
  beforeAll(() => {
    pool = new DocumentPool({ threads: 1 });
  });
  afterAll(() => pool.close());

  it.each([
    ['a 3-page PDF', () => pdfDocument(3), 'application/pdf', 3],
    ['a 4-page fax TIFF at standard resolution', () => tiffDocument(4, { width: 1728, height: 1100, resolution: [204, 98] }), 'image/tiff', 4],
    ['a landscape JPEG', () => jpegDocument(800, 600), 'image/jpeg', 1],
    ['a PNG', () => pngDocument(300, 400), 'image/png', 1],
  ] as const)('turns %s into a PDF of that many upright pages of the size asked for', async (_name, make, contentType, pages) => {
    const bytes = await make();
    for (const pageSize of ['letter', 'a4'] as const) {
      const prepared = await pool.prepareDocument({ bytes, filename: 'upload.bin', pageSize });
      expect(prepared.pages).toBe(pages);
      expect(await pageShapes(prepared.pdf)).toEqual(upright(pageSize, pages));
      expect(prepared).toMatchObject({
        sizeBytes: prepared.pdf.length,
        sha256: createHash('sha256').update(prepared.pdf).digest('hex'),
        source: { contentType, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), filename: 'upload.bin' },
      });
    }
  });

  it('takes a blank page (no content stream at all) of another size as a blank page of the size asked for', async () => {
    const blank = await PDFDocument.create();
    blank.addPage([595.28, 841.89]);
    blank.addPage([612, 792]);
    const prepared = await pool.prepareDocument({ bytes: await blank.save(), pageSize: 'letter' });
    expect(prepared.pages).toBe(2);
    expect(await pageShapes(prepared.pdf)).toEqual(upright('letter', 2));
  });

  it('turns the landscape pages of a PDF mixing orientations and sizes to portrait', async () => {
    const mixed = await pdfOfPages([
      { width: 612, height: 792 },
      { width: 792, height: 612 },
      { width: 612, height: 792, rotate: 90 },
      { width: 841.89, height: 595.28, rotate: 270 },
      { width: 1224, height: 792 },
    ]);
    const prepared = await pool.prepareDocument({ bytes: mixed, pageSize: 'letter' });
    expect(prepared.pages).toBe(5);
    expect(await pageShapes(prepared.pdf)).toEqual(upright('letter', 5));
  });

  it('keeps a 1-page letter PDF as it is, under its own content type and without a file name', async () => {
    const prepared = await pool.prepareDocument({ bytes: await pdfDocument(1), pageSize: 'letter' });
    expect(prepared).toMatchObject({ pages: 1, source: { contentType: 'application/pdf', filename: null } });
  });
});
