import { encryptedPdf, oversizedTiff, pdfCutInHalf, pdfDecompressionBomb, pdfDocument, pdfWithManyObjects, tiffDocument } from '@mintfax/testing';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DocumentPool } from './document-pool';
import { DocumentPoolBusyError, DocumentRefusedError, type RefusalReason } from './document-refusal';

/** The refusal `prepareDocument` answers, as `{ reason, message }`. */
async function refusalOf(pool: DocumentPool, bytes: Uint8Array): Promise<{ reason: RefusalReason; message: string }> {
  const error = await pool.prepareDocument({ bytes, pageSize: 'letter' }).then(
    () => new Error('the document was accepted'),
    (error: unknown) => error,
  );
  if (!(error instanceof DocumentRefusedError)) throw error;
  return { reason: error.reason, message: error.message };
}

/** Runs `work` and answers the longest the event loop was held meanwhile, in milliseconds. */
async function longestEventLoopDelay(work: () => Promise<unknown>): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  try {
    await work();
  } finally {
    delay.disable();
  }
  return delay.max / 1e6;
}

describe('documents refused', () => {
  let pool: DocumentPool;
  beforeAll(() => {
    pool = new DocumentPool({ threads: 1 });
  });
  afterAll(() => pool.close());

  it.each([
    ['a decompression bomb (1 MB inflating to 256 MB)', () => pdfDecompressionBomb(256), 'too_large_decompressed', /too large when decompressed/],
    ['a PDF of 200 000 small objects', () => pdfWithManyObjects(200_000), 'too_complex', /too complex/],
  ] as const)('refuses %s while the event loop keeps answering', async (_name, make, reason, message) => {
    const bytes = make();
    let refusal: Awaited<ReturnType<typeof refusalOf>> | undefined;
    const held = await longestEventLoopDelay(async () => {
      refusal = await refusalOf(pool, bytes);
    });
    expect(refusal).toEqual({ reason, message: expect.stringMatching(message) });
    // A responsiveness bound, not a timing of the work: parsing on the event loop held it for seconds.
    expect(held).toBeLessThan(200);
  });

  it.each([
    ['an empty file', () => Buffer.alloc(0), 'empty', /empty/],
    ['a file of unknown type', () => Buffer.from('hello, this is not a fax'), 'unsupported_type', /PDF, TIFF, JPEG or PNG/],
    ['a PDF cut in half', () => pdfCutInHalf(), 'damaged', /PDF is truncated or damaged/],
    ['a 4-byte JPEG', () => Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'damaged', /JPEG image is truncated or damaged/],
    ['a TIFF declaring 4294967295×4294967295 pixels', () => oversizedTiff(), 'too_large_decompressed', /too large when decompressed/],
    ['an encrypted PDF', () => encryptedPdf(), 'encrypted', /encrypted \(password protected\)/],
    ['a file over 10 MB', async () => Buffer.concat([await pdfDocument(1), Buffer.alloc(10 * 1024 * 1024)]), 'too_large', /10 MB/],
    ['a TIFF of 501 pages', () => tiffDocument(501), 'too_many_pages', /500 pages/],
  ] as const)('refuses %s with a message a person understands', async (_name, make, reason, message) => {
    expect(await refusalOf(pool, await make())).toEqual({ reason, message: expect.stringMatching(message) });
  });

  it('refuses a document that outgrows the worker heap, and goes on serving with a new worker', async () => {
    // Time enough that only the heap can stop it, however busy the machine.
    const small = new DocumentPool({ threads: 1, heapLimitMb: 64, timeLimitMs: 300_000 });
    try {
      // Under the object cap, but its parsed objects need about 200 MB of heap.
      expect(await refusalOf(small, pdfWithManyObjects(140_000))).toEqual({ reason: 'too_large_decompressed', message: expect.stringMatching(/too large/) });
      expect(await small.prepareDocument({ bytes: await pdfDocument(1), pageSize: 'letter' })).toMatchObject({ pages: 1 });
    } finally {
      await small.close();
    }
  });

  it('prepares the documents lined up behind one that kills its worker', async () => {
    const small = new DocumentPool({ threads: 1, heapLimitMb: 64, timeLimitMs: 300_000 });
    try {
      const fine = await pdfDocument(1);
      // Handed to the one worker together: the hostile one runs first, the others wait in the same thread.
      const [hostile, ...behind] = await Promise.allSettled([
        refusalOf(small, pdfWithManyObjects(140_000)),
        ...Array.from({ length: 3 }, () => small.prepareDocument({ bytes: fine, pageSize: 'letter' })),
      ]);
      expect(hostile).toEqual({ status: 'fulfilled', value: { reason: 'too_large_decompressed', message: expect.stringMatching(/too large/) } });
      expect(behind).toEqual(Array.from({ length: 3 }, () => ({ status: 'fulfilled', value: expect.objectContaining({ pages: 1 }) })));
    } finally {
      await small.close();
    }
  });

  it('refuses a document still in preparation at the time limit', async () => {
    const hasty = new DocumentPool({ threads: 1, timeLimitMs: 1 });
    try {
      // About a second of parsing: far past a limit of one millisecond.
      expect(await refusalOf(hasty, pdfWithManyObjects(140_000))).toEqual({ reason: 'too_slow', message: expect.stringMatching(/took too long/) });
    } finally {
      await hasty.close();
    }
  });

  it('turns documents away once its queue is full, before doing any work on them', async () => {
    const narrow = new DocumentPool({ threads: 1, maxQueue: 1 });
    try {
      const bytes = await pdfDocument(1);
      await narrow.prepareDocument({ bytes, pageSize: 'letter' }); // the worker is up and idle
      const running = narrow.prepareDocument({ bytes, pageSize: 'letter' });
      const queued = narrow.prepareDocument({ bytes, pageSize: 'letter' });
      await expect(narrow.prepareDocument({ bytes, pageSize: 'letter' })).rejects.toBeInstanceOf(DocumentPoolBusyError);
      await expect(Promise.all([running, queued])).resolves.toHaveLength(2);
    } finally {
      await narrow.close();
    }
  });
});
