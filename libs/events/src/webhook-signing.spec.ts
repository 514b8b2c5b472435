import { Webhook } from 'standardwebhooks';
import { activeSecrets, generateWebhookSecret, signedWebhookHeaders } from './webhook-signing';

describe('webhook signing', () => {
  it('makes whsec_ secrets of 32 random bytes in base64', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('signs "{id}.{timestamp}.{body}" so that Webhook.verify accepts it', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ id: 'evt_1', type: 'fax.delivered' });
    const headers = signedWebhookHeaders([secret], 'evt_1', new Date(), body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ id: 'evt_1', type: 'fax.delivered' });
    expect(() => new Webhook(secret).verify(body.replace('delivered', 'failed'), headers)).toThrow();
  });

  it('keeps the previous secret signing until it expires', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const endpoint = { secret: 'whsec_new', previousSecret: 'whsec_old', previousSecretExpiresAt: new Date(now.getTime() + 1) };
    expect(activeSecrets(endpoint, now)).toEqual(['whsec_new', 'whsec_old']);
    expect(activeSecrets({ ...endpoint, previousSecretExpiresAt: now }, now)).toEqual(['whsec_new']);
    expect(activeSecrets({ secret: 'whsec_new', previousSecret: null, previousSecretExpiresAt: null }, now)).toEqual(['whsec_new']);
  });
});
