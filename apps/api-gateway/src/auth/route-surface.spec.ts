import { surfaceForPath } from './route-surface';

describe('surfaceForPath', () => {
  it.each([
    ['/v1/account', 'account'],
    ['/v1/account/keys/:id', 'account'],
    ['/v1/accounting', 'operational'],
    ['/v1/faxes/:id', 'operational'],
    ['/v1/environment', 'operational'],
    ['/healthz', 'public'],
    ['/docs/errors/:slug', 'public'],
  ])('puts an unmarked %s on the %s surface', (path, surface) => {
    expect(surfaceForPath(path)).toBe(surface);
  });
});
