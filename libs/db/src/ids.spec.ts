// eslint-disable-next-line no-restricted-imports -- decoding a ULID, not making one
import { decodeTime } from 'ulid';
import { ulid } from './ids';

describe('ulid', () => {
  it('gives distinct 26-character Crockford ids that carry the time they were made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 10_000 }, () => ulid());
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(ids[0])).toBeGreaterThanOrEqual(before);
    expect(decodeTime(ids[ids.length - 1])).toBeLessThanOrEqual(after);
  });

  it('spreads its random part over the whole alphabet', () => {
    const lastCharacters = new Set(Array.from({ length: 5_000 }, () => ulid().slice(-1)));
    expect(lastCharacters.size).toBe(32);
  });
});
