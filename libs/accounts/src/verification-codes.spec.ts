import { generateVerificationCode, hashVerificationCode, normalizeEmail } from './verification-codes';

describe('verification codes', () => {
  it('are six digits, leading zeros kept', () => {
    for (let i = 0; i < 200; i += 1) expect(generateVerificationCode()).toMatch(/^[0-9]{6}$/);
  });

  it('are hashed with SHA-256 per email, the same however the email is written', () => {
    const hash = hashVerificationCode('Dev@Acme.com ', '012345');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashVerificationCode('dev@acme.com', '012345')).toBe(hash);
    expect(hashVerificationCode('ops@acme.com', '012345')).not.toBe(hash);
    expect(hashVerificationCode('dev@acme.com', '012346')).not.toBe(hash);
  });

  it('compare emails case-insensitively', () => {
    expect(normalizeEmail('  Dev@ACME.com')).toBe('dev@acme.com');
  });
});
