import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from '@pdf-lib/fontkit';
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { printedDate } from './cover-date';
import type { CoverPage, PageDimensions } from './prepared-document';
import { TextSetter } from './text-fitting';

const MARGIN = 54;
const LABEL_WIDTH = 84;
const BODY_SIZE = 11;
const LINE_HEIGHT = 1.35;
const FIELD_LINES = 3;
/** The message shrinks down to this size before it is cut short. */
const MESSAGE_SIZES = [11, 10, 9, 8];
const INK = rgb(0, 0, 0);

const HIPAA_NOTICE =
  'This facsimile contains confidential information that may include protected health information (PHI) under the ' +
  'Health Insurance Portability and Accountability Act (HIPAA). It is intended only for the recipient the sender ' +
  'addressed it to. If you are not that recipient, any review, disclosure, copying, distribution or use of its ' +
  'contents is prohibited. If you received this fax in error, notify the sender at the fax number above and ' +
  'destroy every copy.';

// Read and parsed once per worker; each document embeds a subset of the glyphs its cover uses.
const fontsDirectory = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = { regular: readFileSync(join(fontsDirectory, 'DejaVuSans.ttf')), bold: readFileSync(join(fontsDirectory, 'DejaVuSans-Bold.ttf')) };
const PARSED_FONTS = { regular: fontkit.create(FONT_FILES.regular), bold: fontkit.create(FONT_FILES.bold) };
const parsedOnce: Parameters<PDFDocument['registerFontkit']>[0] = {
  create: (file) => (file === FONT_FILES.regular ? PARSED_FONTS.regular : file === FONT_FILES.bold ? PARSED_FONTS.bold : fontkit.create(file)),
};

// fontkit's OpenType shaping (kerning, ligatures, mark positioning) cost about 2 ms a line of text;
// a cover needs none of it. A fresh object each time: fontkit writes the features it applies into it.
const SHAPING_FEATURES = ['kern', 'liga', 'mark', 'mkmk', 'ccmp', 'locl', 'calt', 'clig', 'rlig', 'rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'rclt', 'curs'];
const noShaping = () => Object.fromEntries(SHAPING_FEATURES.map((feature) => [feature, false]));

/**
 * Characters DejaVu Sans cannot draw print as "?", control characters as spaces (line breaks are
 * kept); composed first (NFC), so that accented letters are single glyphs without shaping.
 */
function printable(text: string): string {
  return Array.from(text.normalize('NFC'), (character) => {
    if (character === '\n' || character === '\r') return character;
    if (/\p{Cc}/u.test(character)) return ' ';
    return PARSED_FONTS.regular.hasGlyphForCodePoint(character.codePointAt(0) ?? 0) ? character : '?';
  }).join('');
}

/**
 * Inserts the cover as page one: the date, the sender, the total page count (itself included)
 * and, on a standard cover, the recipient, subject and message. A `hipaa` cover prints a
 * confidentiality notice instead and leaves those three off the page.
 */
export async function insertCoverPage(out: PDFDocument, cover: CoverPage, size: PageDimensions): Promise<void> {
  out.registerFontkit(parsedOnce);
  const regular = await out.embedFont(FONT_FILES.regular, { subset: true, features: noShaping() });
  const bold = await out.embedFont(FONT_FILES.bold, { subset: true, features: noShaping() });
  const page = out.insertPage(0, [size.width, size.height]);
  const pages = out.getPageCount();
  const hipaa = cover.template === 'hipaa';
  const textWidth = size.width - 2 * MARGIN;
  const body = new TextSetter(regular, BODY_SIZE);

  let y = size.height - MARGIN - 30;
  page.drawText('FAX', { x: MARGIN, y, size: 30, font: bold, color: INK });
  if (hipaa) {
    const notice = new TextSetter(bold, 14);
    page.drawText('CONFIDENTIAL', { x: size.width - MARGIN - notice.width('CONFIDENTIAL'), y, size: 14, font: bold, color: INK });
  }
  y = rule(page, y - 16, size);

  const fields: [string, string | null | undefined][] = [
    ['Date', printedDate(cover.date)],
    ['To', hipaa ? null : cover.recipientName],
    ['From', cover.senderName],
    ['Company', cover.senderCompany],
    ['Fax', cover.senderFax],
    ['Pages', `${pages} (including this cover page)`],
    ['Subject', hipaa ? null : cover.subject],
  ];
  y -= BODY_SIZE * 2;
  for (const [label, value] of fields) {
    if (!value?.trim()) continue;
    page.drawText(`${label}:`, { x: MARGIN, y, size: BODY_SIZE, font: bold, color: INK });
    const valueWidth = textWidth - LABEL_WIDTH;
    y = drawLines(page, body.truncate(body.wrap(printable(value), valueWidth), FIELD_LINES, valueWidth), MARGIN + LABEL_WIDTH, y, body);
    y -= BODY_SIZE * 0.5;
  }
  y = rule(page, y, size) - BODY_SIZE * 2;

  if (hipaa) {
    page.drawText('CONFIDENTIALITY NOTICE', { x: MARGIN, y, size: BODY_SIZE, font: bold, color: INK });
    drawLines(page, body.wrap(HIPAA_NOTICE, textWidth), MARGIN, y - BODY_SIZE * LINE_HEIGHT * 1.5, body);
  } else if (cover.message?.trim()) {
    drawMessage(page, printable(cover.message.trim()), regular, textWidth, y);
  }
}

/** The message in the space left: at a smaller size if it does not fit, cut short with an ellipsis below the smallest. */
function drawMessage(page: PDFPage, message: string, font: PDFFont, width: number, top: number): void {
  const height = top - MARGIN;
  for (const [index, fontSize] of MESSAGE_SIZES.entries()) {
    const setter = new TextSetter(font, fontSize);
    const lines = setter.wrap(message, width);
    const fitting = Math.floor(height / (fontSize * LINE_HEIGHT)) + 1;
    if (lines.length <= fitting || index === MESSAGE_SIZES.length - 1) {
      drawLines(page, setter.truncate(lines, fitting, width), MARGIN, top, setter);
      return;
    }
  }
}

/** Draws lines downwards from baseline `y`; answers the baseline after the last. */
function drawLines(page: PDFPage, lines: string[], x: number, y: number, setter: TextSetter): number {
  for (const line of lines) {
    if (line) page.drawText(line, { x, y, size: setter.size, font: setter.font, color: INK });
    y -= setter.size * LINE_HEIGHT;
  }
  return y;
}

function rule(page: PDFPage, y: number, size: PageDimensions): number {
  page.drawLine({ start: { x: MARGIN, y }, end: { x: size.width - MARGIN, y }, thickness: 1, color: INK });
  return y;
}
