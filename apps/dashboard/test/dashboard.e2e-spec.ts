import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { PrismaService } from '@mintfax/db';
import { pdfDocument, serviceEnv, testPrisma, useTestInfrastructure } from '@mintfax/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createMailbox, REGISTRATION_CODE, STEP_UP_CODE, type Mailbox } from './support/mailbox';
import { startPlatform, type Platform } from './support/platform';

// Debian's chromium (`.ci/run` installs it); nothing here downloads a browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'artifacts', 'dashboard');
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

describe('the dashboard in a browser', () => {
  const infra = useTestInfrastructure();
  let mailbox: Mailbox;
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let prisma: PrismaService;
  let receiver: Server;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mailbox = await createMailbox();
    receiver = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    [platform, browser] = await Promise.all([
      startPlatform(serviceEnv(infra()), { MAIL_DIR: mailbox.dir }),
      // Root (CI in a container) cannot use Chromium's sandbox.
      chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] }),
    ]);
    prisma = testPrisma(infra().databaseUrl);
    page = await browser.newPage({ viewport: DESKTOP });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await prisma?.$disconnect();
    await mailbox?.remove();
    receiver?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const open = async (path: string, heading: string | RegExp) => {
    await page.goto(`${platform.dashboard}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  it('takes a new developer from sign-up to live, with their keys, faxes, billing and step-up', async () => {
    const email = `dev-${Date.now()}@acme.test`;

    // Sign up: the code comes by mail, both keys are shown once with copy buttons.
    await page.goto(platform.dashboard);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Account name').fill('Acme Corp');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('Code from the email').fill(await mailbox.read(email, REGISTRATION_CODE));
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { name: 'Your account is ready' }).waitFor();
    const [sandboxKey, accountKey] = await page.getByTestId('secret-value').allTextContents();
    expect(sandboxKey).toMatch(/^mfx_test_/);
    expect(accountKey).toMatch(/^mfx_acct_/);
    expect(await page.getByRole('button', { name: /^Copy / }).count()).toBe(2);
    await shot('register-keys');
    await page.getByRole('button', { name: /continue to the dashboard/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    // A sandbox fax through the public API, with the key the page showed.
    const sent = await fetch(`${platform.gateway}/v1/faxes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandboxKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: '+15005550001', file: { content_base64: (await pdfDocument()).toString('base64'), filename: 'hello.pdf' } }),
    });
    expect(sent.status).toBe(201);
    const fax = (await sent.json()) as { id: string };

    // It appears in the list, and its page follows it to delivery with its timeline.
    await open('/faxes', 'Faxes');
    await shot('faxes');
    await page.getByRole('link', { name: '+15005550001' }).click();
    await page.getByRole('heading', { name: 'Fax to +15005550001' }).waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Delivered').waitFor();
    expect(await timeline.locator('li .timeline-type').allTextContents()).toEqual(['Queued', 'Submitted', 'In progress', 'Delivered']);
    expect(page.url()).toContain(fax.id);
    await shot('fax-detail');

    // A fax sent from the page: the sandbox number that bills 3 pages.
    await page.getByRole('link', { name: 'Faxes' }).click();
    await page.getByRole('link', { name: 'Send a fax' }).click();
    await page.getByLabel('To (fax number)').fill('+15005550007');
    await page.getByLabel('Document').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: await pdfDocument() });
    await page.getByText('Options').click();
    await page.getByLabel('Cover page').selectOption('standard');
    await page.getByLabel('Subject').fill('Invoice 42');
    await page.getByLabel('Tags').fill('invoices, march');
    await shot('send-fax');
    await page.getByRole('button', { name: 'Send fax' }).click();
    await page.getByRole('heading', { name: 'Fax to +15005550007' }).waitFor();
    await page.getByTestId('timeline').getByText('Delivered').waitFor();
    await page.getByText('3 credits').first().waitFor();
    await page.getByText('Standard', { exact: true }).waitFor();
    await page.getByText('invoices, march').waitFor();

    // A live environment and a live key.
    await open('/environments', 'Environments');
    await page.getByLabel('Name', { exact: true }).fill('Production');
    await page.getByRole('button', { name: 'Create environment' }).click();
    await page.getByRole('cell', { name: /^Production/ }).waitFor();
    await shot('environments');
    await open('/keys', 'API keys');
    await page.getByLabel('Key name', { exact: true }).fill('Production server');
    await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Production (live)' });
    await page.getByRole('button', { name: 'Create key' }).click();
    const liveKey = await page.getByTestId('secret-value').textContent();
    expect(liveKey).toMatch(/^mfx_live_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();

    // Activate Live through the clearly marked local checkout; the return page waits for billing's webhook.
    await open('/billing', 'Billing');
    await shot('billing');
    await page.getByRole('button', { name: 'Activate Live with 500 credits' }).click();
    await page.getByRole('heading', { name: 'Local checkout' }).waitFor();
    await page.getByText('Development only: no card, no money').waitFor();
    await shot('local-checkout');
    await page.getByRole('button', { name: 'Complete purchase' }).click();
    await page.getByText('Payment received: 500 credits added').waitFor();
    await shot('billing-return');
    await open('/', 'Overview');
    await page.getByRole('heading', { name: 'Live is active' }).waitFor();
    expect(await page.getByTestId('pool-live').locator('.big').textContent()).toBe('500 credits');
    await shot('overview');
    const live = await fetch(`${platform.gateway}/v1/environment`, { headers: { authorization: `Bearer ${liveKey}` } });
    expect(live.status).toBe(200);

    // An account key needs a fresh emailed code, and so does revoking it.
    await open('/keys', 'API keys');
    await page.getByLabel('Account key name').fill('CI pipeline');
    await page.getByRole('button', { name: 'Create account key' }).click();
    await page.getByRole('button', { name: 'Email me a confirmation code' }).click();
    await page.getByLabel('Confirmation code').fill(await mailbox.read(email, STEP_UP_CODE));
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect(await page.getByTestId('secret-value').textContent()).toMatch(/^mfx_acct_/);
    await shot('api-keys');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.getByRole('row', { name: /CI pipeline/ });
    await row.getByRole('button', { name: /^Revoke/ }).click();
    await page.getByRole('button', { name: 'Email me a confirmation code' }).click();
    await page.getByLabel('Confirmation code').fill(await mailbox.read(email, STEP_UP_CODE));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('row', { name: /CI pipeline/ }).getByText(/^Revoked/).waitFor();

    // A webhook endpoint and its test event.
    await open('/webhooks', 'Webhooks');
    const { port } = receiver.address() as AddressInfo;
    await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${port}/hooks`);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    expect(await page.getByTestId('secret-value').textContent()).toMatch(/^whsec_/);
    await shot('webhooks');
    await page.getByRole('link', { name: `http://127.0.0.1:${port}/hooks` }).click();
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText(/^Delivered: HTTP 200/).waitFor();
    await shot('webhook-detail');

    // The sandbox: reset, and the magic numbers.
    await open('/sandbox', 'Sandbox');
    await page.getByRole('button', { name: 'Reset sandbox balance' }).click();
    await page.getByRole('button', { name: 'Yes, reset' }).click();
    await page.getByText(/^Reset: 10,000 credits available/).waitFor();
    await shot('sandbox');

    // Every page at phone width: nothing wider than the screen, the navigation behind a menu.
    await page.setViewportSize(PHONE);
    for (const [path, heading] of [
      ['/', 'Overview'],
      ['/faxes', 'Faxes'],
      ['/faxes/new', 'Send a fax'],
      ['/environments', 'Environments'],
      ['/keys', 'API keys'],
      ['/webhooks', 'Webhooks'],
      ['/billing', 'Billing'],
      ['/sandbox', 'Sandbox'],
    ] as const) {
      await open(path, heading);
      expect({ path, width: await page.evaluate<number>('document.documentElement.scrollWidth') }).toEqual({ path, width: PHONE.width });
      await shot(`phone-${path.slice(1).replace(/\//g, '-') || 'overview'}`);
    }
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Billing' }).waitFor();
    expect(consoleErrors).toEqual([]);

    // A change without the CSRF token is refused, and so is any request once the session expired.
    const withoutToken = await page.evaluate(async () => {
      const response = await fetch('/api/sandbox/reset', { method: 'POST' });
      return { status: response.status, error: ((await response.json()) as { error: string }).error };
    });
    expect(withoutToken).toEqual({ status: 403, error: 'csrf_check_failed' });
    await prisma.dashboardSession.updateMany({ where: { user: { email } }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const expired = await page.evaluate(async () => {
      const response = await fetch('/api/account');
      return { status: response.status, error: ((await response.json()) as { error: string }).error };
    });
    expect(expired).toEqual({ status: 401, error: 'not_signed_in' });
    await page.goto(`${platform.dashboard}/keys`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
