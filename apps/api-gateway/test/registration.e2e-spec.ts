import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrismaService } from '@mintfax/db';
import { testPrisma, serviceEnv, useTestInfrastructure } from '@mintfax/testing';
import { REGISTRATION_LIMITS } from '@mintfax/accounts';
import { codeSentTo, startMailCatcher } from './support/mail-catcher';
import { startGateway, type Gateway } from './support/gateway';

interface Envelope {
  error: string;
  context?: { errors?: Record<string, string[]> };
}

let emailCounter = 0;
const newEmail = () => `dev${(emailCounter += 1)}-${Date.now()}@acme.test`;

describe('gateway registration', () => {
  const infra = useTestInfrastructure();
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  let gateway: Gateway;
  let prisma: PrismaService;

  beforeAll(async () => {
    mail = await startMailCatcher();
    gateway = await startGateway({ ...serviceEnv(infra()), SMTP_URL: mail.url, MAIL_FROM: 'mintfax <no-reply@mintfax.test>', SANDBOX_GRANT: '250' });
    prisma = testPrisma(infra().databaseUrl);
  });

  afterAll(async () => {
    await gateway.app.close();
    await mail.close();
    await prisma.$disconnect();
  });

  const register = (email: string, name = 'Acme Corp') => gateway.call('POST', '/v1/account/register', { body: { name, email } });
  const verify = (email: string, code: string) => gateway.call('POST', '/v1/account/register/verify', { body: { email, code } });

  async function expectCodeRefused(response: Response) {
    expect(response.status).toBe(422);
    const body = (await response.json()) as Envelope;
    expect(body.error).toBe('validation_failed');
    expect(Object.keys(body.context?.errors ?? {})).toEqual(['code']);
  }

  it('mails a 6-digit code through SMTP and stores only its hash', async () => {
    const email = newEmail();
    const response = await register(email);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'code_sent', expires_in: 600 });
    const code = codeSentTo(mail.mails, email);
    const rows = await prisma.verificationCode.findMany({ where: { email } });
    expect(rows).toHaveLength(1);
    expect(rows[0].codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(code);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(10 * 60 * 1000);
  });

  it('creates the account, its sandbox and both keys from the right code, in the documented shape', async () => {
    const email = newEmail();
    await register(` ${email.toUpperCase()} `, 'Acme Corp');
    const response = await verify(email, codeSentTo(mail.mails, email));
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      account: { id: string };
      environment: { id: string };
      api_key: string;
      api_key_account: string;
    };
    expect(body).toEqual({
      account: { id: expect.stringMatching(/^acct_/), name: 'Acme Corp' },
      user: { id: expect.any(Number), email },
      environment: { id: expect.stringMatching(/^env_/), name: 'Sandbox', type: 'sandbox' },
      api_key: expect.stringMatching(/^mfx_test_/),
      api_key_account: expect.stringMatching(/^mfx_acct_/),
    });
    const account = await gateway.call('GET', '/v1/account', { key: body.api_key_account });
    expect(await account.json()).toMatchObject({ id: body.account.id, activated_at: null });
    const balance = await gateway.call('GET', '/v1/account/balance', { key: body.api_key_account });
    expect(await balance.json()).toEqual({
      pools: [
        { type: 'sandbox', balance: 250, held: 0, available: 250, low_balance_threshold: null, auto_top_up: { enabled: false, package_id: null } },
        { type: 'live', balance: 0, held: 0, available: 0, low_balance_threshold: null, auto_top_up: { enabled: false, package_id: null } },
      ],
    });
    const environment = await gateway.call('GET', '/v1/environment', { key: body.api_key });
    expect(await environment.json()).toMatchObject({ id: body.environment.id, type: 'sandbox' });
  });

  it('answers a known email exactly like a new one, mailing a notice instead of a code', async () => {
    const email = newEmail();
    await register(email);
    expect((await verify(email, codeSentTo(mail.mails, email))).status).toBe(201);
    const mailsBefore = mail.mails.length;
    const again = await register(email);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ status: 'code_sent', expires_in: 600 });
    const notice = mail.mails.slice(mailsBefore);
    expect(notice).toHaveLength(1);
    expect(notice[0].to).toEqual([email]);
    expect(notice[0].raw).toMatch(/already has one/);
    expect(notice[0].raw).not.toMatch(/verification code is/);
    expect(await prisma.verificationCode.count({ where: { email } })).toBe(1);
  });

  it('refuses a wrong code with 422 on code and still accepts the right one', async () => {
    const email = newEmail();
    await register(email);
    const code = codeSentTo(mail.mails, email);
    await expectCodeRefused(await verify(email, code === '000000' ? '000001' : '000000'));
    expect((await verify(email, code)).status).toBe(201);
  });

  it('refuses a code that is not 6 digits with 422 on code', async () => {
    await expectCodeRefused(await verify(newEmail(), '12ab'));
  });

  it('kills a code after 5 wrong tries', async () => {
    const email = newEmail();
    await register(email);
    const code = codeSentTo(mail.mails, email);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i += 1) await expectCodeRefused(await verify(email, wrong));
    await expectCodeRefused(await verify(email, code));
    expect(await prisma.account.count({ where: { users: { some: { email } } } })).toBe(0);
  });

  it('accepts only the newest code of an email', async () => {
    const email = newEmail();
    await register(email);
    const first = codeSentTo(mail.mails, email);
    await register(email);
    const second = codeSentTo(mail.mails, email);
    // A fresh code may repeat the old one by chance (1 in a million); then the check below proves nothing new.
    if (first !== second) await expectCodeRefused(await verify(email, first));
    expect((await verify(email, second)).status).toBe(201);
  });

  it('refuses an expired code', async () => {
    const email = newEmail();
    await register(email);
    await prisma.verificationCode.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectCodeRefused(await verify(email, codeSentTo(mail.mails, email)));
  });

  it('creates one account from a code however often it is sent, even at once', async () => {
    const email = newEmail();
    await register(email);
    const code = codeSentTo(mail.mails, email);
    const answers = await Promise.all([verify(email, code), verify(email, code), verify(email, code)]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  describe('limits', () => {
    let limited: Gateway;

    beforeEach(async () => {
      // A Redis prefix of its own per test: each starts with every limit untouched.
      limited = await startGateway({ ...serviceEnv(infra()), SMTP_URL: mail.url, REDIS_PREFIX: `${infra().redisPrefix}-${(emailCounter += 1)}` });
    });

    afterEach(async () => {
      await limited.app.close();
    });

    async function expectLimited(response: Response) {
      expect(response.status).toBe(429);
      expect(((await response.json()) as Envelope).error).toBe('rate_limit_exceeded');
      expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    }

    it('limits verification attempts per email, so a code cannot be guessed', async () => {
      const email = newEmail();
      for (let i = 0; i < REGISTRATION_LIMITS.verifyPerEmail.points; i += 1) {
        await expectCodeRefused(await limited.call('POST', '/v1/account/register/verify', { body: { email, code: '123456' } }));
      }
      await expectLimited(await limited.call('POST', '/v1/account/register/verify', { body: { email, code: '123456' } }));
      // Another email from the same client still gets its answer.
      await expectCodeRefused(await limited.call('POST', '/v1/account/register/verify', { body: { email: newEmail(), code: '123456' } }));
    });

    it('limits verification attempts per client IP across emails', async () => {
      for (let i = 0; i < REGISTRATION_LIMITS.verifyPerIp.points; i += 1) {
        await expectCodeRefused(await limited.call('POST', '/v1/account/register/verify', { body: { email: newEmail(), code: '123456' } }));
      }
      await expectLimited(await limited.call('POST', '/v1/account/register/verify', { body: { email: newEmail(), code: '123456' } }));
    });

    it('limits sign-ups per email, so nobody can be mail-bombed', async () => {
      const email = newEmail();
      for (let i = 0; i < REGISTRATION_LIMITS.registerPerEmail.points; i += 1) {
        expect((await limited.call('POST', '/v1/account/register', { body: { name: 'x', email } })).status).toBe(202);
      }
      const sent = mail.mails.filter((m) => m.to.includes(email)).length;
      await expectLimited(await limited.call('POST', '/v1/account/register', { body: { name: 'x', email } }));
      expect(mail.mails.filter((m) => m.to.includes(email)).length).toBe(sent);
    });
  });
});

describe('gateway registration without SMTP', () => {
  const infra = useTestInfrastructure();
  let mailDir: string;
  let gateway: Gateway;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'mintfax-mail-'));
    gateway = await startGateway({ ...serviceEnv(infra()), MAIL_DIR: mailDir });
  });

  afterAll(async () => {
    await gateway.app.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  it('writes each mail to a file under MAIL_DIR, so the quick start works without a relay', async () => {
    const email = newEmail();
    expect((await gateway.call('POST', '/v1/account/register', { body: { name: 'Quick', email } })).status).toBe(202);
    const files = (await readdir(mailDir)).filter((f) => f.includes(email));
    expect(files).toHaveLength(1);
    const text = await readFile(join(mailDir, files[0]), 'utf8');
    expect(text).toContain(`To: ${email}`);
    const code = text.match(/verification code is (\d{6})/)?.[1] ?? '';
    const verified = await gateway.call('POST', '/v1/account/register/verify', { body: { email, code } });
    expect(verified.status).toBe(201);
  });

  it('writes the mail of an address as long as an address may be, and verifies it', async () => {
    const email = `${'l'.repeat(64)}@${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(59)}.test`;
    expect(email).toHaveLength(251);
    expect((await gateway.call('POST', '/v1/account/register', { body: { name: 'Long', email } })).status).toBe(202);
    const files = (await readdir(mailDir)).filter((f) => f.endsWith(`${email.slice(-100)}.txt`));
    expect(files).toHaveLength(1);
    const code = (await readFile(join(mailDir, files[0]), 'utf8')).match(/verification code is (\d{6})/)?.[1] ?? '';
    expect((await gateway.call('POST', '/v1/account/register/verify', { body: { email, code } })).status).toBe(201);
  });

  it.each([
    ['of 255 characters', `${'l'.repeat(64)}@${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(63)}.test`],
    ['with a local part over 64 characters', `${'l'.repeat(65)}@acme.test`],
  ])('refuses an email %s with 422 on email', async (_, email) => {
    const response = await gateway.call('POST', '/v1/account/register', { body: { name: 'Long', email } });
    expect(response.status).toBe(422);
    const body = (await response.json()) as Envelope;
    expect(Object.keys(body.context?.errors ?? {})).toEqual(['email']);
  });

  it('refuses a form-encoded body as invalid_request', async () => {
    const response = await fetch(`${gateway.base}/v1/account/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Acme&email=dev%40acme.test',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Envelope).error).toBe('invalid_request');
  });

  it('will not start in production without SMTP_URL, rather than write codes to disk', async () => {
    await expect(startGateway({ ...serviceEnv(infra()), MAIL_DIR: mailDir, NODE_ENV: 'production' })).rejects.toThrow(
      'SMTP_URL is required when NODE_ENV=production',
    );
  });
});
