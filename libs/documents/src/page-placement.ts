import type { PageDimensions } from './prepared-document';

/** A PDF transformation matrix `[a b c d e f]`, as the `cm` operator takes it. */
export type Matrix = [number, number, number, number, number, number];

export type QuarterTurn = 0 | 90 | 180 | 270;

// Cosine and sine of counterclockwise quarter turns, exact (no floating-point residue in the output).
const TURNS: Record<QuarterTurn, [number, number]> = { 0: [1, 0], 90: [0, 1], 180: [-1, 0], 270: [0, -1] };

/** `/Rotate` may be any multiple of 90, negative included. */
export function quarterTurn(degrees: number): QuarterTurn {
  const turn = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
  return turn as QuarterTurn;
}

/**
 * Places a `width`×`height` box drawn at the origin onto a portrait page: turned clockwise by
 * `rotation` (a PDF page's `/Rotate`), then a quarter turn counterclockwise if it still reads
 * landscape, scaled to fit with its aspect ratio kept, and centred.
 */
export function fitToPage(width: number, height: number, rotation: QuarterTurn, page: PageDimensions): Matrix {
  const landscape = rotation % 180 === 0 ? width > height : height > width;
  const clockwise = ((rotation + (landscape ? 270 : 0)) % 360) as QuarterTurn;
  const [shownWidth, shownHeight] = clockwise % 180 === 0 ? [width, height] : [height, width];
  const scale = Math.min(page.width / shownWidth, page.height / shownHeight);
  const left = (page.width - shownWidth * scale) / 2;
  const bottom = (page.height - shownHeight * scale) / 2;
  const counterclockwise = ((360 - clockwise) % 360) as QuarterTurn;
  const [cos, sin] = TURNS[counterclockwise];
  // Where the box's origin lands so that the turned box's lower-left corner is (left, bottom).
  const origin: Record<QuarterTurn, [number, number]> = {
    0: [left, bottom],
    90: [left + height * scale, bottom],
    180: [left + width * scale, bottom + height * scale],
    270: [left, bottom + width * scale],
  };
  const [x, y] = origin[counterclockwise];
  return [scale * cos, scale * sin, -scale * sin, scale * cos, x, y];
}

/** For an image, which PDF draws in the unit square: `fitToPage` for its size, applied after stretching the square to it. */
export function fitImageToPage(width: number, height: number, page: PageDimensions): Matrix {
  const [a, b, c, d, e, f] = fitToPage(width, height, 0, page);
  return [a * width, b * width, c * height, d * height, e, f];
}
