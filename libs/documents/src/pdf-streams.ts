import { constants, inflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFNumber, PDFRawStream, type PDFContext } from 'pdf-lib';
import * as decoding from 'pdf-lib/cjs/core/streams/decode';
import Stream, { type StreamType } from 'pdf-lib/cjs/core/streams/Stream';
import type { DocumentBudget } from './document-limits';
import { DocumentRefusedError, refusal } from './document-refusal';

const decodeWithPdfLib = decoding.decodePDFRawStream;
const GENERAL_FILTERS = new Set(['FlateDecode', 'LZWDecode', 'ASCII85Decode', 'ASCIIHexDecode', 'RunLengthDecode']);
const DECODE_CHUNK_BYTES = 1 << 20;

let parsingBudget: DocumentBudget | undefined;
/** The parser turns any error inside an object into "invalid object"; a refusal is kept aside to win over that. */
let parsingRefusal: DocumentRefusedError | undefined;

// pdf-lib's parser inflates every object stream through this one export, in JavaScript and without
// bound (a 1 MB object stream may hold 1 GB). Routed here, it inflates natively and stops at the
// budget. A worker prepares one document at a time, so one budget is active at most.
Object.assign(decoding, {
  decodePDFRawStream: (stream: PDFRawStream): StreamType => {
    if (!parsingBudget) return decodeWithPdfLib(stream);
    try {
      if (stream.dict.lookup(PDFName.of('Type')) === PDFName.of('ObjStm')) {
        parsingBudget.countObjects(stream.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber() ?? 0);
      }
      const bytes = inflatePdfStream(stream, parsingBudget.remainingBytes);
      parsingBudget.chargeInflated(bytes.length);
      return new Stream(bytes);
    } catch (error) {
      if (error instanceof DocumentRefusedError) parsingRefusal ??= error;
      throw error;
    }
  },
});

/** Runs pdf-lib's parser with every stream it inflates counted against `budget`. */
export async function parseWithBudget<T>(budget: DocumentBudget, parse: () => Promise<T>): Promise<T> {
  parsingBudget = budget;
  parsingRefusal = undefined;
  try {
    const parsed = await parse().catch((error: unknown) => {
      throw parsingRefusal ?? error;
    });
    if (parsingRefusal) throw parsingRefusal;
    return parsed;
  } finally {
    parsingBudget = undefined;
  }
}

/**
 * Counts what every stream of a parsed document inflates to (page contents, images, fonts),
 * including those the fax-ready document will carry untouched: the far end inflates them too.
 */
export function chargeStreams(context: PDFContext, budget: DocumentBudget): void {
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const filters = filterNames(object);
    const decodable = filters.length > 0 && filters.every((filter) => GENERAL_FILTERS.has(filter));
    // Image codecs (DCT, CCITT, JBIG2, JPX) are left to the far end; their bytes count as they are.
    budget.chargeInflated(decodable ? inflatePdfStream(object, budget.remainingBytes).length : object.contents.length);
  }
}

/** A stream's decoded bytes, refused past `limit`. Flate alone (nearly every stream) is inflated natively. */
export function inflatePdfStream(stream: PDFRawStream, limit: number): Uint8Array {
  const filters = filterNames(stream);
  if (filters.length === 1 && filters[0] === 'FlateDecode') {
    try {
      return inflateSync(stream.contents, { maxOutputLength: Math.max(limit, 1), finishFlush: constants.Z_SYNC_FLUSH });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw refusal('too_large_decompressed');
      // Damaged Flate data: pdf-lib's decoder recovers what it can, as viewers do.
    }
  }
  return decodeWithinLimit(decodeWithPdfLib(stream), limit);
}

/** pdf-lib's decoders (chains, other filters) pulled a chunk at a time: a bomb stops at the limit, not when memory runs out. */
function decodeWithinLimit(decoder: StreamType, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (let chunk = decoder.getBytes(DECODE_CHUNK_BYTES); chunk.length > 0; chunk = decoder.getBytes(DECODE_CHUNK_BYTES)) {
    length += chunk.length;
    if (length > limit) throw refusal('too_large_decompressed');
    chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
  }
  return Buffer.concat(chunks, length);
}

function filterNames(stream: PDFRawStream): string[] {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) return filter.asArray().map((name) => (name instanceof PDFName ? name.decodeText() : ''));
  return [];
}
