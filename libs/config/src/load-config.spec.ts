import { billingConfigSpec, faxWorkerConfigSpec, gatewayConfigSpec, retentionWorkerConfigSpec } from './app-configs';
import { telnyxAccess, telnyxCallbackKey, telnyxSending } from './carrier-settings';
import { loadConfig } from './load-config';

const base = { DATABASE_URL: 'postgresql://u:p@localhost:5432/db', REDIS_URL: 'redis://localhost:6379' };

describe('loadConfig', () => {
  it('fills every default the design names', () => {
    const config = loadConfig(gatewayConfigSpec, base);
    expect(config).toMatchObject({
      port: 3000,
      pricePerPage: 1,
      sandboxGrant: 10000,
      rateLimitLive: 100,
      rateLimitSandbox: 25,
      authFailureLimit: 30,
      uploadsPerAccount: 4,
      trustedProxies: undefined,
      logLevel: 'info',
      docsBaseUrl: 'http://localhost:3000/docs',
      mailFrom: 'mintfax <no-reply@localhost>',
      smtpUrl: undefined,
    });
  });

  it('names the missing variable in one line', () => {
    expect(() => loadConfig(gatewayConfigSpec, { REDIS_URL: base.REDIS_URL })).toThrow(
      /^Configuration error: DATABASE_URL is required but not set\.$/,
    );
  });

  it('names the bad variable and what it must be', () => {
    expect(() => loadConfig(gatewayConfigSpec, { ...base, GATEWAY_PORT: 'eighty' })).toThrow(
      'Configuration error: GATEWAY_PORT must be an integer from 0 to 65535, got "eighty".',
    );
    expect(() => loadConfig(gatewayConfigSpec, { ...base, REDIS_URL: 'http://x' })).toThrow(
      'Configuration error: REDIS_URL must use redis: or rediss:, got "http:".',
    );
  });

  it('never echoes credentials of a malformed URL', () => {
    let message = '';
    try {
      loadConfig(gatewayConfigSpec, { ...base, DATABASE_URL: 'postgresql://admin:hunter2@' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });

  it('parses credit packages and rejects malformed ones', () => {
    const config = loadConfig(billingConfigSpec, { ...base, CREDIT_PACKAGES: 'small:100:150,big:1000:1200:eur' });
    expect(config.creditPackages).toEqual([
      { id: 'small', credits: 100, amount: 150, currency: 'usd' },
      { id: 'big', credits: 1000, amount: 1200, currency: 'eur' },
    ]);
    expect(() => loadConfig(billingConfigSpec, { ...base, CREDIT_PACKAGES: 'small:lots:150' })).toThrow(
      /CREDIT_PACKAGES must be id:credits:price_in_cents/,
    );
  });

  it('reads trusted proxies as addresses and CIDR ranges, and rejects anything else', () => {
    expect(loadConfig(gatewayConfigSpec, { ...base, TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,fd00::/8' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
    ]);
    for (const bad of ['loadbalancer', '10.0.0.0/33', '10.0.0.1/8/8', '::1/129']) {
      expect(() => loadConfig(gatewayConfigSpec, { ...base, TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES must be IP addresses or CIDR ranges/);
    }
  });

  describe('the live carrier', () => {
    const telnyx = {
      ...base,
      CARRIER: 'telnyx',
      TELNYX_API_KEY: 'KEY_live',
      TELNYX_CONNECTION_ID: '1234',
      TELNYX_FROM_NUMBER: '+13125550001',
      TELNYX_WEBHOOK_URL: 'https://fax.example.com/v1/carriers/telnyx/webhook',
      TELNYX_PUBLIC_KEY: Buffer.alloc(32, 7).toString('base64'),
    };

    it('is none while CARRIER is unset, whatever else is set', () => {
      expect(telnyxSending(loadConfig(faxWorkerConfigSpec, { ...telnyx, CARRIER: '' }))).toBeNull();
      expect(telnyxAccess(loadConfig(retentionWorkerConfigSpec, base))).toBeNull();
      expect(telnyxCallbackKey(loadConfig(gatewayConfigSpec, base))).toBeNull();
    });

    it('gives each app what it needs of Telnyx, with the API base of the SDK by default', () => {
      expect(telnyxSending(loadConfig(faxWorkerConfigSpec, telnyx))).toEqual({
        apiKey: 'KEY_live',
        apiBase: 'https://api.telnyx.com/v2',
        connectionId: '1234',
        fromNumber: '+13125550001',
        webhookUrl: 'https://fax.example.com/v1/carriers/telnyx/webhook',
      });
      expect(telnyxAccess(loadConfig(retentionWorkerConfigSpec, { ...telnyx, TELNYX_API_BASE: 'http://127.0.0.1:4010/v2' }))).toEqual({
        apiKey: 'KEY_live',
        apiBase: 'http://127.0.0.1:4010/v2',
      });
      expect(telnyxCallbackKey(loadConfig(gatewayConfigSpec, telnyx))).toBe(telnyx.TELNYX_PUBLIC_KEY);
    });

    it('names in one line the variable CARRIER=telnyx is missing', () => {
      expect(() => telnyxSending(loadConfig(faxWorkerConfigSpec, { ...telnyx, TELNYX_WEBHOOK_URL: '' }))).toThrow(
        /^Configuration error: TELNYX_WEBHOOK_URL is required when CARRIER=telnyx\.$/,
      );
      expect(() => telnyxCallbackKey(loadConfig(gatewayConfigSpec, { ...telnyx, TELNYX_PUBLIC_KEY: undefined }))).toThrow(
        'Configuration error: TELNYX_PUBLIC_KEY is required when CARRIER=telnyx.',
      );
    });

    it('refuses an unknown carrier, a number not in E.164 and a key that is not 32 bytes', () => {
      expect(() => loadConfig(faxWorkerConfigSpec, { ...telnyx, CARRIER: 'twilio' })).toThrow('Configuration error: CARRIER must be one of telnyx, got "twilio".');
      expect(() => loadConfig(faxWorkerConfigSpec, { ...telnyx, TELNYX_FROM_NUMBER: '312-555-0001' })).toThrow(/TELNYX_FROM_NUMBER must be a phone number in E\.164 form/);
      expect(() => loadConfig(gatewayConfigSpec, { ...telnyx, TELNYX_PUBLIC_KEY: 'c2hvcnQ=' })).toThrow(
        'Configuration error: TELNYX_PUBLIC_KEY must be a base64 Ed25519 public key (32 bytes).',
      );
    });
  });
});
