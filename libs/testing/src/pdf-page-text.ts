import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

/**
 * The text a page's content stream shows, one line per text operator, read as a reader would:
 * each font's codes through its ToUnicode map (pdf-lib writes `bfchar` entries), Latin-1 for a
 * font without one. Enough for pages pdf-lib drew (hex strings); text inside forms is not read.
 */
export async function pdfPageText(pdf: Uint8Array, pageIndex: number): Promise<string> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const page = document.getPage(pageIndex);
  const decoded = (stream: unknown) => (stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '');
  const contents = page.node.Contents();
  const content = (contents instanceof PDFArray ? contents.asArray().map((ref) => document.context.lookup(ref)) : [contents]).map(decoded).join('\n');
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  const unicodeMap = (fontName: string): Map<string, string> | undefined => {
    const toUnicode = fonts?.lookupMaybe(PDFName.of(fontName), PDFDict)?.lookup(PDFName.of('ToUnicode'));
    if (!toUnicode) return undefined;
    const entries = decoded(toUnicode).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g);
    return new Map([...entries].map(([, code = '', unicode = '']) => [code.toUpperCase(), Buffer.from(unicode, 'hex').swap16().toString('utf16le')]));
  };

  const lines: string[] = [];
  let font: Map<string, string> | undefined;
  let operands: string[] = [];
  for (const [token] of content.matchAll(/\/[^\s/<>[\]()]+|<[0-9A-Fa-f\s]*>|[A-Za-z'"*]+/g)) {
    if (token.startsWith('/') || token.startsWith('<')) {
      operands.push(token);
      continue;
    }
    if (token === 'Tf') font = unicodeMap(operands.find((operand) => operand.startsWith('/'))?.slice(1) ?? '');
    if (['Tj', 'TJ', "'", '"'].includes(token)) {
      const strings = operands.filter((operand) => operand.startsWith('<')).map((operand) => operand.slice(1, -1).replace(/\s/g, '').toUpperCase());
      const map = font;
      const text = (hex: string) => (map ? (hex.match(/.{4}/g) ?? []).map((code) => map.get(code) ?? '').join('') : Buffer.from(hex, 'hex').toString('latin1'));
      lines.push(strings.map(text).join(''));
    }
    operands = [];
  }
  return lines.join('\n');
}
