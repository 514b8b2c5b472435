import { pdfDocument, pdfPageText } from '@mintfax/testing';
import { PDFDocument } from 'pdf-lib';
import { DocumentPool } from './document-pool';
import { PAGE_SIZES, type CoverPage } from './prepared-document';

const sender = { senderName: 'Dr. Ana Ruiz', senderCompany: 'Northside Clinic', senderFax: '+1 415 555 0100' };
const privateFields = { recipientName: 'Jordan Example', subject: 'Biopsy results', message: 'The biopsy came back benign; call me to discuss.' };

describe('cover pages', () => {
  let pool: DocumentPool;
  let twoPages: Buffer;
  beforeAll(async () => {
    pool = new DocumentPool({ threads: 1 });
    twoPages = await pdfDocument(2);
  });
  afterAll(() => pool.close());

  const withCover = (cover: CoverPage, bytes: Uint8Array = twoPages) => pool.prepareDocument({ bytes, pageSize: 'letter', cover });

  it('puts the cover first, counts it, and shows the date, the people and the total page count', async () => {
    const prepared = await withCover({ template: 'standard', date: '2025-12-01', ...sender, ...privateFields });
    expect(prepared.pages).toBe(3);
    const cover = await pdfPageText(prepared.pdf, 0);
    for (const shown of ['December 1, 2025', '3 (including this cover page)', ...Object.values(sender), ...Object.values(privateFields)]) {
      expect(cover).toContain(shown);
    }
    expect(await pdfPageText(prepared.pdf, 1)).toBe('page 1');
  });

  it('prints the confidentiality notice on a hipaa cover and leaves recipient, subject and message off the page', async () => {
    const prepared = await withCover({ template: 'hipaa', date: '2025-12-01T23:30:00-05:00', ...sender, ...privateFields });
    expect(prepared.pages).toBe(3);
    const cover = await pdfPageText(prepared.pdf, 0);
    expect(cover).toContain('CONFIDENTIALITY NOTICE');
    expect(cover.replace(/\n/g, ' ')).toContain('may include protected health information (PHI)');
    expect(cover).toContain('December 1, 2025'); // the date as written, not shifted to UTC
    expect(cover).toContain('3 (including this cover page)');
    for (const kept of Object.values(privateFields)) expect(cover).not.toContain(kept);
  });

  it('prints characters the font lacks as "?" and breaks words wider than the page', async () => {
    const prepared = await withCover({ template: 'standard', date: '2025-12-01', recipientName: 'Zoë 漢字', subject: 'x'.repeat(120) });
    const cover = await pdfPageText(prepared.pdf, 0);
    expect(cover).toContain('Zoë ??');
    expect(cover.split('\n').filter((line) => /^x+$/.test(line)).join('')).toBe('x'.repeat(120));
  });

  it('keeps a message of 2000 characters on the cover, cut short with an ellipsis only when lines run out', async () => {
    const words = 'Please find the signed forms attached and call back. '.repeat(40).slice(0, 2000).trim();
    const fitted = await pdfPageText((await withCover({ template: 'standard', date: '2025-12-01', message: words })).pdf, 0);
    expect(fitted.replace(/\n/g, ' ')).toContain(words);

    const manyLines = await withCover({ template: 'standard', date: '2025-12-01', message: 'line\n'.repeat(400) });
    expect(manyLines.pages).toBe(3);
    expect(await pdfPageText(manyLines.pdf, 0)).toMatch(/line…$/);
  });

  it('lays the cover out on the page size of the document', async () => {
    const prepared = await pool.prepareDocument({ bytes: twoPages, pageSize: 'a4', cover: { template: 'standard', date: '2025-12-01' } });
    expect((await PDFDocument.load(prepared.pdf)).getPages().map((page) => page.getSize())).toEqual(Array(3).fill(PAGE_SIZES.a4));
    expect(await pdfPageText(prepared.pdf, 0)).toContain('3 (including this cover page)');
  });

  it('takes a date that is not ISO 8601 for a mistake of the caller, not a refused document', async () => {
    await expect(withCover({ template: 'standard', date: '12/01/2025' })).rejects.toThrow(TypeError);
  });
});
