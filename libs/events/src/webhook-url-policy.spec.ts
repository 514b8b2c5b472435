import { isInternalAddress, webhookUrlPolicy, webhookUrlProblem } from './webhook-url-policy';

describe('webhook URL policy', () => {
  const production = webhookUrlPolicy({ mode: 'production' });

  it.each(['ftp://example.com/hook', 'file:///etc/passwd', 'not a url', 'javascript:alert(1)'])('refuses %s as not http(s)', async (url) => {
    expect(await webhookUrlProblem(url, { allowPrivate: true })).toMatch(/http/);
  });

  it.each([
    'http://127.0.0.1/hook',
    'http://127.1.2.3:8080/hook',
    'http://10.0.0.5/hook',
    'https://10.255.255.255/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://192.168.1.1/',
    'http://172.16.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/hook',
    'http://[::]/hook',
    'http://[fe80::1]/hook',
    'http://[fd00::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://2130706433/hook',
    'http://[::127.0.0.1]/hook', // IPv4-compatible
    'http://[64:ff9b::7f00:1]/hook', // NAT64
    'http://[2002:7f00:1::1]/hook', // 6to4
    'http://[::ffff:0:7f00:1]/hook', // IPv4-translated
    'http://[100::1]/hook', // discard-only
    'http://[2001:db8::1]/hook', // documentation
    'http://192.0.2.1/hook', // documentation
    'http://198.51.100.7/hook',
    'http://203.0.113.9/hook',
    'http://[fec0::1]/hook', // site-local
    'http://255.255.255.255/hook',
    'http://198.18.0.1/hook', // benchmarking
    'http://[2001::1]/hook', // Teredo
  ])('refuses the internal target %s in production', async (url) => {
    expect(await webhookUrlProblem(url, production)).toMatch(/internal address/);
  });

  it('refuses a host name that resolves to an internal address in production', async () => {
    expect(await webhookUrlProblem('http://localhost:3000/hook', production)).toMatch(/localhost resolves to the internal address/);
  });

  it('accepts a public address in production', async () => {
    expect(await webhookUrlProblem('https://93.184.216.34/hook', production)).toBeNull();
    expect(await webhookUrlProblem('https://[2606:2800:220:1::1]/hook', production)).toBeNull();
  });

  it('allows internal targets in development and test, or when configured', async () => {
    for (const policy of [
      webhookUrlPolicy({ mode: 'development' }),
      webhookUrlPolicy({ mode: 'test' }),
      webhookUrlPolicy({ mode: 'production', allowPrivateWebhookUrls: true }),
    ]) {
      expect(await webhookUrlProblem('http://127.0.0.1:4000/hook', policy)).toBeNull();
    }
    expect(webhookUrlPolicy({ mode: 'test', allowPrivateWebhookUrls: false })).toEqual({ allowPrivate: false });
  });

  it('classifies addresses', () => {
    expect(['127.0.0.1', '10.1.2.3', '169.254.0.1', '::1', '100.64.0.1'].map(isInternalAddress)).toEqual([true, true, true, true, true]);
    expect(['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888'].map(isInternalAddress)).toEqual([false, false, false]);
  });
});
