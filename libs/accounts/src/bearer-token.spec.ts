import { generateApiKey } from './api-keys';
import { readBearerToken } from './bearer-token';

describe('readBearerToken', () => {
  const key = generateApiKey('live').secret;

  it('finds no token without a header', () => {
    expect(readBearerToken(undefined)).toEqual({ kind: 'missing' });
  });

  it('reads a well-formed key of any kind, the scheme in any case', () => {
    for (const kind of ['test', 'live', 'account'] as const) {
      const secret = generateApiKey(kind).secret;
      expect(readBearerToken(`Bearer ${secret}`)).toEqual({ kind: 'key', key: secret });
    }
    expect(readBearerToken(`bearer ${key}`)).toEqual({ kind: 'key', key });
  });

  it.each(['', 'Bearer', `Basic ${key}`, `Token ${key}`, 'Bearer mfx_test_short', `Bearer ${key.replace('mfx_live_', 'mfx_prod_')}`, `Bearer ${key} ${key}`])(
    'calls %j malformed',
    (header) => {
      expect(readBearerToken(header)).toEqual({ kind: 'malformed' });
    },
  );

  it.each([`${key}\u00a0`, `${key}\\n`, `${key}\\r\\n`, `\u00a0${key}`, `${key}\n`, `${key} \t`])(
    'recognises a real key with padding in %j',
    (token) => {
      expect(readBearerToken(`Bearer ${token}`)).toEqual({ kind: 'padded' });
    },
  );

  // Every Unicode space a copy and paste can bring along, before or after the key.
  const UNICODE_SPACES = [0xa0, 0x85, 0x1680, 0x2002, 0x2003, 0x2009, 0x200a, 0x200b, 0x2028, 0x202f, 0x205f, 0x2060, 0x3000, 0xfeff];

  it.each(UNICODE_SPACES.map((point) => [point.toString(16).toUpperCase().padStart(4, '0'), String.fromCodePoint(point)]))(
    'recognises U+%s around a real key, whether it came as UTF-8 bytes or as one character',
    (_, space) => {
      // Node hands header bytes over as latin1: UTF-8 bytes arrive one character per byte.
      const utf8 = Buffer.from(space, 'utf8').toString('latin1');
      for (const token of [`${key}${space}`, `${space}${key}`, `${key}${utf8}`, `${utf8}${key}`]) {
        expect(readBearerToken(`Bearer ${token}`)).toEqual({ kind: 'padded' });
      }
    },
  );

  it('calls a real key with other characters around it malformed, not padded', () => {
    expect(readBearerToken(`Bearer ${key}\u00e9`)).toEqual({ kind: 'malformed' });
    expect(readBearerToken(`Bearer ${key}!\u00a0`)).toEqual({ kind: 'malformed' });
  });
});
