import { deflateSync } from 'node:zlib';
import {
  concatTransformationMatrix,
  drawObject,
  PDFArray,
  PDFDict,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  popGraphicsState,
  pushGraphicsState,
  type PDFContext,
  type PDFDocument,
  type PDFPage,
  type PDFObject,
} from 'pdf-lib';
import { DOCUMENT_LIMITS, type DocumentBudget } from './document-limits';
import { refusal } from './document-refusal';
import { fitToPage, quarterTurn } from './page-placement';
import { loadSourcePdf } from './pdf-source';
import { chargeStreams, inflatePdfStream } from './pdf-streams';
import type { PageDimensions } from './prepared-document';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pages already of the wanted size (within this many points) and upright are kept as they are. */
const SIZE_TOLERANCE = 1;

/**
 * Adds the uploaded PDF's pages to `out`: a page already of the size and upright is copied as it
 * is; any other is drawn as a form onto a new page, turned to portrait and scaled to fit. Its
 * annotations do not follow (their coordinates belong to the old page).
 */
export async function addPdfPages(out: PDFDocument, bytes: Uint8Array, size: PageDimensions, budget: DocumentBudget): Promise<void> {
  const source = await loadSourcePdf(bytes, budget);
  const count = source.getPageCount();
  if (count === 0) throw refusal('no_pages');
  if (count > DOCUMENT_LIMITS.pages) throw refusal('too_many_pages');
  chargeStreams(source.context, budget);
  let redrawn = false;
  for (const page of await out.copyPages(source, source.getPageIndices())) {
    const box = visibleBox(page);
    const rotation = quarterTurn(page.getRotation().angle);
    if (rotation === 0 && Math.abs(box.width - size.width) <= SIZE_TOLERANCE && Math.abs(box.height - size.height) <= SIZE_TOLERANCE) {
      out.addPage(page);
      continue;
    }
    const fitted = out.addPage([size.width, size.height]);
    const form = pageAsForm(out.context, page, box);
    if (form) {
      const name = fitted.node.newXObject('Page', form);
      const placement = fitToPage(box.width, box.height, rotation, size);
      fitted.pushOperators(pushGraphicsState(), concatTransformationMatrix(...placement), drawObject(name), popGraphicsState());
    }
    redrawn = true;
  }
  if (redrawn) dropUnreachable(out.context);
}

/** What a reader shows of a page: its crop box within its media box, corners in any order. */
function visibleBox(page: PDFPage): Box {
  const media = normalised(page.getMediaBox());
  const crop = normalised(page.getCropBox());
  const x = Math.max(media.x, crop.x);
  const y = Math.max(media.y, crop.y);
  const width = Math.min(media.x + media.width, crop.x + crop.width) - x;
  const height = Math.min(media.y + media.height, crop.y + crop.height) - y;
  if (width > 0 && height > 0) return { x, y, width, height };
  if (media.width > 0 && media.height > 0) return media;
  throw refusal('damaged');
}

function normalised({ x, y, width, height }: Box): Box {
  return { x: Math.min(x, x + width), y: Math.min(y, y + height), width: Math.abs(width), height: Math.abs(height) };
}

/** The page's content as a form XObject clipped to `box`; a single content stream keeps its encoding untouched. */
function pageAsForm(context: PDFContext, page: PDFPage, box: Box): PDFRef | undefined {
  const contents = page.node.Contents();
  // A page without content is a blank page: nothing to draw on its new one.
  if (contents === undefined) return undefined;
  const streams = contents instanceof PDFArray ? contents.asArray().map((item) => context.lookup(item)) : [contents];
  const raw = streams.filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream);
  if (raw.length !== streams.length) throw refusal('damaged');
  if (raw.length === 0) return undefined;
  const form = context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [box.x, box.y, box.x + box.width, box.y + box.height],
    Matrix: [1, 0, 0, 1, -box.x, -box.y],
  });
  const resources = page.node.get(PDFName.of('Resources'));
  if (resources) form.set(PDFName.of('Resources'), resources);
  const [single] = raw;
  if (single && raw.length === 1) {
    for (const key of ['Filter', 'DecodeParms']) {
      const value = single.dict.get(PDFName.of(key));
      if (value) form.set(PDFName.of(key), value);
    }
    return context.register(PDFRawStream.of(form, single.contents));
  }
  // Several streams are one content split anywhere between tokens: joined, then compressed again.
  // Their inflated bytes were counted when the document was scanned.
  const newline = Uint8Array.of(0x0a);
  const joined = Buffer.concat(raw.flatMap((stream) => [inflatePdfStream(stream, DOCUMENT_LIMITS.decompressedBytes), newline]));
  form.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  return context.register(PDFRawStream.of(form, deflateSync(joined)));
}

/** pdf-lib writes every object it holds; a redrawn page leaves its old page and content objects behind. */
function dropUnreachable(context: PDFContext): void {
  const reachable = new Set<PDFRef>();
  const pending: (PDFObject | undefined)[] = [context.trailerInfo.Root, context.trailerInfo.Info];
  while (pending.length > 0) {
    const object = pending.pop();
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue;
      reachable.add(object);
      pending.push(context.lookup(object));
    } else if (object instanceof PDFDict) {
      for (const value of object.values()) pending.push(value);
    } else if (object instanceof PDFArray) {
      for (const item of object.asArray()) pending.push(item);
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) context.delete(ref);
  }
}
