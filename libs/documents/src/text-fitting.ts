import type { PDFFont } from 'pdf-lib';

const ELLIPSIS = '…';

/** Text set in one font at one size: measures by the word (and by the character inside words wider than a line). */
export class TextSetter {
  private readonly widths = new Map<string, number>();

  constructor(
    readonly font: PDFFont,
    readonly size: number,
  ) {}

  width(text: string): number {
    let width = this.widths.get(text);
    if (width === undefined) {
      width = this.font.widthOfTextAtSize(text, this.size);
      this.widths.set(text, width);
    }
    return width;
  }

  /** Lines no wider than `width`: broken at spaces, inside a word only when it alone is wider; line breaks kept. */
  wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    const space = this.width(' ');
    for (const paragraph of text.split(/\r\n|\r|\n/)) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(/\s+/).filter(Boolean).flatMap((word) => this.cut(word, width))) {
        const wordWidth = this.width(word);
        if (line && lineWidth + space + wordWidth <= width) {
          line += ` ${word}`;
          lineWidth += space + wordWidth;
        } else {
          if (line) lines.push(line);
          line = word;
          lineWidth = wordWidth;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** The first `count` lines, the last one ending in an ellipsis when text was left out. */
  truncate(lines: string[], count: number, width: number): string[] {
    if (lines.length <= count) return lines;
    const kept = lines.slice(0, count);
    const last = Array.from(kept[count - 1] ?? '');
    while (last.length > 0 && this.width(last.join('') + ELLIPSIS) > width) last.pop();
    kept[count - 1] = last.join('').trimEnd() + ELLIPSIS;
    return kept;
  }

  /** A word wider than a line, cut into pieces that fit (widths summed by character: no quadratic re-measuring). */
  private cut(word: string, width: number): string[] {
    if (this.width(word) <= width) return [word];
    const pieces: string[] = [];
    let piece = '';
    let pieceWidth = 0;
    for (const character of word) {
      const characterWidth = this.width(character);
      if (piece && pieceWidth + characterWidth > width) {
        pieces.push(piece);
        piece = '';
        pieceWidth = 0;
      }
      piece += character;
      pieceWidth += characterWidth;
    }
    pieces.push(piece);
    return pieces;
  }
}
