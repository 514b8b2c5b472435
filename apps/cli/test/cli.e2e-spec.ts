import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrismaService } from '@mintfax/db';
import { Mintfax, webhooks } from '@mintfax/sdk';
import {
  createTestAccount,
  createTestFax,
  pdfDocument,
  Receiver,
  startTestPlatform,
  testPrisma,
  useTestInfrastructure,
  waitFor,
  type TestAccount,
  type TestPlatform,
} from '@mintfax/testing';
import { mintfax, startMintfax } from './support/run-cli';

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

// `mintfax` as a user runs it: its own process, its config in a directory of its own, against the
// gateway, a fax-worker and the webhook-dispatcher as processes.
describe('mintfax CLI', () => {
  const infra = useTestInfrastructure();
  let platform: TestPlatform;
  let prisma: PrismaService;
  let acct: TestAccount;
  let home: string;
  let pdf: string;

  /** A config directory logged in with `acct`'s sandbox key. */
  let loggedIn: string;

  beforeAll(async () => {
    platform = await startTestPlatform(infra());
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma);
    home = mkdtempSync(join(tmpdir(), 'mintfax-cli-'));
    pdf = join(home, 'x.pdf');
    writeFileSync(pdf, await pdfDocument(1));
    loggedIn = join(home, 'logged-in');
    const login = await mintfax(loggedIn, ['login', '--key', acct.sandboxKey, '--base-url', platform.url]);
    if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
    await prisma?.$disconnect();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('prints its commands and exit codes with --help, and refuses an unknown command with exit code 2', async () => {
    const help = await mintfax(home, ['--help']);
    expect(help.code).toBe(0);
    for (const command of ['login', 'fax', 'events', 'webhooks', 'sandbox']) expect(help.stdout).toContain(command);
    expect(help.stdout).toMatch(/Exit codes: 0 ok, 1 /);

    const unknown = await mintfax(home, ['faxes']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'faxes'");
    expect((await mintfax(loggedIn, ['fax', 'send', '--to', '+15005550001'])).code).toBe(2);
    const missing = await mintfax(loggedIn, ['fax', 'send', '--to', '+15005550001', '--file', join(home, 'missing.pdf')]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('Cannot read') });
    expect((await mintfax(loggedIn, ['fax', 'send', '--to', '+15005550001', '--file', pdf, '--max-attempts', '11'])).code).toBe(2);
  });

  it('keeps the key of login in the config directory, readable by its owner only', async () => {
    const config = join(home, 'login');
    const login = await mintfax(config, ['login', '--base-url', platform.url], { input: `${acct.sandboxKey}\n` });
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`(sandbox, ${acct.sandboxEnvironmentId}) at ${platform.url}`);
    const file = join(config, 'mintfax', 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ base_url: platform.url, keys: { test: acct.sandboxKey } });

    const none = await mintfax(join(home, 'nobody'), ['fax', 'list']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('mintfax login');
  });

  it('sends a fax with --wait on a status line, a line per step when not on a terminal, ending delivered', async () => {
    const run = await mintfax(loggedIn, ['fax', 'send', '--to', '+15005550001', '--file', pdf, '--tag', 'cli', '--wait']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^fax_\w+ queued: 1 page to \+15005550001, 1 credit held$/m);
    expect(lastLine(run.stdout)).toMatch(/^fax_\w+ delivered$/);
  });

  it('ends with exit code 3 when the fax fails, saying why', async () => {
    const run = await mintfax(loggedIn, ['sandbox', 'trigger', 'busy', '--wait']);
    expect(run.code).toBe(3);
    expect(lastLine(run.stdout)).toMatch(/^fax_\w+ failed: busy/);
  });

  it('prints JSON for scripts with --json: the sent fax, one fax, a list', async () => {
    const sent = await mintfax(loggedIn, ['--json', 'sandbox', 'trigger', 'three-pages', '--wait']);
    expect(sent.code).toBe(0);
    const fax = JSON.parse(sent.stdout) as { id: string; status: string; pages: number };
    expect(fax).toMatchObject({ status: 'delivered', pages: 3 });

    const got = await mintfax(loggedIn, ['fax', 'get', fax.id, '--json']);
    expect(JSON.parse(got.stdout)).toMatchObject({ id: fax.id, attempts_log: [{ outcome: 'delivered' }] });
    const human = await mintfax(loggedIn, ['fax', 'get', fax.id]);
    expect(human.stdout).toMatch(/status +delivered/);

    const listed = await mintfax(loggedIn, ['fax', 'list', '--json', '--limit', '2']);
    const faxes = JSON.parse(listed.stdout) as { id: string }[];
    expect(faxes).toHaveLength(2);
    expect(faxes[0].id).toBe(fax.id);
  });

  it("prints the API error's message and its action in words, exit code 1 (and the envelope with --json)", async () => {
    const run = await mintfax(loggedIn, ['sandbox', 'trigger', 'insufficient-balance']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: Insufficient balance for this operation/);
    expect(run.stderr).toContain('What to do: Top up the balance of this pool, then send again.\nCode: insufficient_balance (HTTP 402)');
    expect(run.stderr).toMatch(/Request id: req_\w+/);

    const json = await mintfax(loggedIn, ['--json', 'fax', 'get', 'fax_01J9XYZQ8KH7B3R0WXAZP8VW6F']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: 'not_found', status: 404, action: 'verify_id' });
  });

  it('tails new events as they are written', async () => {
    const tail = startMintfax(loggedIn, ['events', 'tail']);
    try {
      await tail.printed(/Waiting for events/, 'that it is ready');
      const fax = await new Mintfax(acct.sandboxKey, { baseUrl: platform.url }).faxes.send({ to: '+15005550001', path: pdf });
      await tail.printed(new RegExp(`fax\\.delivered +evt_\\w+ +${fax.id}`), 'the fax.delivered event');
      expect(tail.stdout().indexOf(`fax.queued`)).toBeLessThan(tail.stdout().indexOf('fax.delivered'));
    } finally {
      expect(await tail.interrupt()).toBe(0);
    }
  });

  it('forwards each new event to a local receiver, signed with the secret it prints', async () => {
    const receiver = await Receiver.start();
    const listen = startMintfax(loggedIn, ['webhooks', 'listen', '--forward-to', receiver.on('/hooks', () => 204), '--events', 'fax.delivered']);
    try {
      const [, secret] = await listen.printed(/Webhook signing secret: (whsec_\S+)/, 'its secret');
      const fax = await new Mintfax(acct.sandboxKey, { baseUrl: platform.url }).faxes.send({ to: '+15005550001', path: pdf });

      const delivery = await waitFor('the forwarded event', async () => receiver.at('/hooks').find((d) => d.body.includes(fax.id)));
      expect(webhooks.verify(delivery.body, delivery.headers, secret)).toMatchObject({
        type: 'fax.delivered',
        environment_id: acct.sandboxEnvironmentId,
        data: { object: { id: fax.id, status: 'delivered' } },
      });
      expect(receiver.at('/hooks').every((d) => JSON.parse(d.body).type === 'fax.delivered')).toBe(true);
      await listen.printed(/<-- \[204\] POST http:\/\/127\.0\.0\.1:\d+\/hooks/, 'the receiver answer');
    } finally {
      expect(await listen.interrupt()).toBe(0);
      await receiver.close();
    }
    // The secret is kept, so a receiver set up with it keeps working next time.
    const again = startMintfax(loggedIn, ['webhooks', 'listen', '--forward-to', 'http://127.0.0.1:9/']);
    const [, secret] = await again.printed(/Webhook signing secret: (whsec_\S+)/, 'its secret');
    await again.interrupt();
    expect(JSON.parse(readFileSync(join(loggedIn, 'mintfax', 'config.json'), 'utf8')).listen_secret).toBe(secret);
  });

  it('sandbox reset deletes the finished sandbox faxes and keeps the ones under way', async () => {
    const owner = await createTestAccount(prisma);
    const config = join(home, 'reset');
    await mintfax(config, ['login', '--key', owner.sandboxKey, '--base-url', platform.url]);
    const finished = JSON.parse((await mintfax(config, ['--json', 'sandbox', 'trigger', 'delivered', '--wait'])).stdout) as { id: string };
    const underWay = await createTestFax(prisma, { accountId: owner.accountId, environmentId: owner.sandboxEnvironmentId });

    const reset = await mintfax(config, ['sandbox', 'reset']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Deleted 1 finished sandbox fax;');
    expect(reset.stdout).toContain('dashboard');
    expect(await prisma.fax.findMany({ where: { accountId: owner.accountId }, select: { id: true } })).toEqual([{ id: underWay }]);
    expect((await mintfax(config, ['fax', 'get', finished.id])).code).toBe(1);
  });
});
