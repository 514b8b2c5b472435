import { fitToPage, quarterTurn, type Matrix } from './page-placement';
import { PAGE_SIZES } from './prepared-document';

/** Where the corners of a `width`×`height` box at the origin land: the extent they cover. */
function placed([a, b, c, d, e, f]: Matrix, width: number, height: number) {
  const corners = [
    [0, 0],
    [width, 0],
    [0, height],
    [width, height],
  ].map(([u = 0, v = 0]) => [a * u + c * v + e, b * u + d * v + f]);
  const xs = corners.map(([x = 0]) => x);
  const ys = corners.map(([, y = 0]) => y);
  return { left: Math.min(...xs), right: Math.max(...xs), bottom: Math.min(...ys), top: Math.max(...ys) };
}

describe('fitting a page or image onto a portrait page', () => {
  const letter = PAGE_SIZES.letter;

  it.each([
    ['an A4 page on letter', 595.28, 841.89, 0],
    ['a landscape page', 792, 612, 0],
    ['a portrait page shown landscape by /Rotate 90', 612, 792, 90],
    ['a landscape page turned upright by /Rotate 270', 792, 612, 270],
    ['a small photo', 40, 30, 0],
  ])('keeps %s inside the page, upright, centred and as large as fits', (_name, width, height, rotate) => {
    const box = placed(fitToPage(width, height, quarterTurn(rotate), letter), width, height);
    expect(box.left).toBeGreaterThanOrEqual(-1e-9);
    expect(box.bottom).toBeGreaterThanOrEqual(-1e-9);
    expect(box.right).toBeLessThanOrEqual(letter.width + 1e-9);
    expect(box.top).toBeLessThanOrEqual(letter.height + 1e-9);
    expect(box.top - box.bottom).toBeGreaterThanOrEqual(box.right - box.left); // portrait
    expect(box.left + box.right).toBeCloseTo(letter.width);
    expect(box.bottom + box.top).toBeCloseTo(letter.height);
    expect(Math.max(box.right - box.left - letter.width, box.top - box.bottom - letter.height)).toBeCloseTo(0); // touches two edges
  });

  it('keeps the ratio of the sides', () => {
    const box = placed(fitToPage(800, 600, 0, letter), 800, 600);
    expect((box.top - box.bottom) / (box.right - box.left)).toBeCloseTo(800 / 600);
  });

  it('reads any multiple of 90 as a quarter turn', () => {
    expect([-90, 450, 180, 0, -360].map(quarterTurn)).toEqual([270, 90, 180, 0, 0]);
  });
});
