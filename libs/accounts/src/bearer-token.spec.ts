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
});
