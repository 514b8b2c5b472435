import type { PrismaService } from '@mintfax/db';
import { createTestAccount, createTestEnvironment, pdfDocument, testPrisma, useTestInfrastructure, waitFor, type SpawnedApp, type TestAccount } from '@mintfax/testing';
import { generateKeyPairSync, sign } from 'node:crypto';
import { expectAttemptsInOrder, expectMoneySettled } from './support/fax-checks';
import { eventTypes, isTerminal, startLivePlatform, waitForFax, type LivePlatform } from './support/live-platform';

// Live faxes through Telnyx, played by the stand-in: submitted through the gateway, sent by the
// fax-worker, settled by the stand-in's signed callbacks to the gateway or by the sweep's poll.
describe('live faxes through Telnyx (the stand-in)', () => {
  const infra = useTestInfrastructure();
  let prisma: PrismaService;
  let live: LivePlatform;
  let worker: SpawnedApp;
  let acct: TestAccount;
  let threePages: Buffer;

  beforeAll(async () => {
    prisma = testPrisma(infra().databaseUrl);
    live = await startLivePlatform(infra());
    worker = startWorker();
    acct = await createTestAccount(prisma, { activated: true, liveCredits: 1000 });
    threePages = await pdfDocument(3);
  });

  afterAll(async () => {
    await live.stop();
    await prisma.$disconnect();
  });

  // A fax the carrier holds unsettled is timed out seconds after its poll, not minutes.
  const startWorker = () => live.startApp('fax-worker', { FAX_STUCK_AFTER_MS: '4000' });
  const sentTo = (faxId: string) => live.standin.faxes().filter((fax) => fax.clientState && Buffer.from(fax.clientState, 'base64').toString().includes(faxId));
  const holdOf = (faxId: string) => prisma.hold.findFirstOrThrow({ where: { faxId } });

  /** A callback body as Telnyx would send it about `faxId` of the stand-in. */
  const callbackBody = (carrierFaxId: string, event: string, extra: object = {}) =>
    JSON.stringify({ data: { event_type: event, id: 'evt-1', record_type: 'event', payload: { fax_id: carrierFaxId, status: 'delivered', page_count: 3, ...extra } } });
  const postCallback = (body: string, headers: Record<string, string>) =>
    fetch(`${live.gateway}/v1/carriers/telnyx/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('delivers a live fax: queued → submitted → in_progress → delivered, the hold captured for the pages sent', async () => {
    const id = await live.submit(acct.liveKey, '+13125550100', threePages);

    const fax = await waitForFax(prisma, id, 'delivered', (row) => row.status === 'delivered');
    expect(await eventTypes(prisma, id)).toEqual(['fax.queued', 'fax.submitted', 'fax.in_progress', 'fax.delivered']);
    expect(fax.attemptsLog).toMatchObject([{ number: 1, outcome: 'delivered', pagesSent: 3, carrierFaxId: sentTo(id)[0].id }]);
    expect(fax.charged).toBe(3n);
    expect(await holdOf(id)).toMatchObject({ status: 'captured', amount: 3n, charged: 3n });
    expect(sentTo(id)).toHaveLength(1);
    await expectMoneySettled(prisma, acct.accountId, [id], 'live');
  });

  it('captures the pages the carrier reports as sent, never more than were held, and releases the rest', async () => {
    const fewer = await live.submit(acct.liveKey, '+13125550112', threePages);
    const more = await live.submit(acct.liveKey, '+13125550119', threePages);

    await waitForFax(prisma, fewer, 'delivered', (row) => row.status === 'delivered');
    await waitForFax(prisma, more, 'delivered', (row) => row.status === 'delivered');
    expect(await holdOf(fewer)).toMatchObject({ status: 'captured', amount: 3n, charged: 2n });
    expect(await holdOf(more)).toMatchObject({ status: 'captured', amount: 3n, charged: 3n });
    await expectMoneySettled(prisma, acct.accountId, [fewer, more], 'live');
  });

  it.each([
    ['a busy line', '+13125550120', 'busy'],
    ['no answer', '+13125550130', 'no_answer'],
    ['a dropped call', '+13125550131', 'transient'],
    ['a send answered 429', '+13125550160', 'transient'],
    ['a send answered 500', '+13125550170', 'transient'],
  ])('retries %s on the live backoff, then fails the fax with its code and releases the hold', async (_, to, code) => {
    const id = await live.submit(acct.liveKey, to, threePages, 2);

    const fax = await waitForFax(prisma, id, 'failed', isTerminal);
    expect(fax).toMatchObject({ status: 'failed', failureCode: code, charged: 0n });
    expect(fax.attemptsLog.map((attempt) => [attempt.outcome, attempt.failureCode])).toEqual([
      ['failed', code],
      ['failed', code],
    ]);
    expect(await eventTypes(prisma, id)).toContain('fax.retry_scheduled');
    expect(await holdOf(id)).toMatchObject({ status: 'released' });
    await expectAttemptsInOrder(prisma, [id]);
    await expectMoneySettled(prisma, acct.accountId, [id], 'live');
  });

  it.each([
    ['an unallocated number', '+13125550140', 'invalid_number', /Telnyx reported "receiver_unallocated_number"/],
    ['a declined fax', '+13125550141', 'rejected', /Telnyx reported "receiver_decline"/],
    ['a send Telnyx refuses (422)', '+13125550180', 'rejected', /Telnyx refused the fax \(HTTP 422\)/],
  ])('fails %s at once, without a retry, and releases the hold', async (_, to, code, message) => {
    const id = await live.submit(acct.liveKey, to, threePages, 3);

    const fax = await waitForFax(prisma, id, 'failed', isTerminal);
    expect(fax).toMatchObject({ status: 'failed', failureCode: code, failureMessage: expect.stringMatching(message), attempts: 1 });
    expect(await eventTypes(prisma, id)).not.toContain('fax.retry_scheduled');
    await expectMoneySettled(prisma, acct.accountId, [id], 'live');
  });

  it('settles by polling the carrier a fax whose callbacks never come', async () => {
    const id = await live.submit(acct.liveKey, '+13125550150', threePages);

    const fax = await waitForFax(prisma, id, 'settled by the poll', isTerminal);
    expect(fax).toMatchObject({ status: 'delivered', charged: 3n });
    expect(fax.attemptsLog[0].carrierPolledAt).not.toBeNull();
    expect(live.standin.callbacks().filter((callback) => callback.faxId === fax.attemptsLog[0].carrierFaxId)).toEqual([]);
    await expectMoneySettled(prisma, acct.accountId, [id], 'live');
  });

  it('takes duplicate, out-of-order and late callbacks without moving the fax or its money twice', async () => {
    live.standin.holdCallbacks();
    let carrierFaxId = '';
    try {
      const id = await live.submit(acct.liveKey, '+13125550100', threePages);
      const sent = await waitForFax(prisma, id, 'handed to the carrier', (row) => row.attemptsLog[0]?.carrierFaxId != null);
      carrierFaxId = sent.attemptsLog[0].carrierFaxId as string;
      await waitFor('the stand-in to finish the fax', async () => (live.standin.faxes().find((fax) => fax.id === carrierFaxId)?.status === 'delivered' ? true : undefined));

      // The end arrives first, then its duplicate, then the start, then everything Telnyx had queued.
      expect(await live.standin.sendCallback(carrierFaxId, 'fax.delivered')).toBe(200);
      expect(await live.standin.sendCallback(carrierFaxId, 'fax.delivered')).toBe(200);
      expect(await live.standin.sendCallback(carrierFaxId, 'fax.sending.started')).toBe(200);
      expect(await live.standin.sendCallback(carrierFaxId, 'fax.failed')).toBe(200);
      live.standin.releaseCallbacks();
      await waitFor('the queued callbacks', async () => (live.standin.callbacks().filter((c) => c.faxId === carrierFaxId).length >= 8 ? true : undefined));

      expect(live.standin.callbacks().filter((c) => c.faxId === carrierFaxId).every((c) => c.status === 200)).toBe(true);
      expect(await eventTypes(prisma, id)).toEqual(['fax.queued', 'fax.submitted', 'fax.delivered']);
      expect(await prisma.fax.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'delivered', charged: 3n });
      await expectMoneySettled(prisma, acct.accountId, [id], 'live');
    } finally {
      live.standin.releaseCallbacks();
    }
  });

  it('refuses unsigned, forged and stale callbacks with 400, changing nothing, and answers 200 to one about no fax of ours', async () => {
    // A fax the stand-in never reports on: only the forgeries could move it.
    const id = await live.submit(acct.liveKey, '+13125550151', threePages);
    const sent = await waitForFax(prisma, id, 'handed to the carrier', (row) => row.attemptsLog[0]?.carrierFaxId != null);
    const body = callbackBody(sent.attemptsLog[0].carrierFaxId as string, 'fax.delivered');
    const now = Math.floor(Date.now() / 1000);
    const forger = generateKeyPairSync('ed25519').privateKey;
    const forged = { 'telnyx-timestamp': String(now), 'telnyx-signature-ed25519': sign(null, Buffer.from(`${now}|${body}`), forger).toString('base64') };

    for (const headers of [{}, forged, live.standin.signatureHeaders(body, now - 600)]) {
      const response = await postCallback(body, headers);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request', request_id: expect.stringMatching(/^req_/) });
    }
    expect((await prisma.fax.findUniqueOrThrow({ where: { id } })).status).not.toBe('delivered');
    expect(await eventTypes(prisma, id)).not.toContain('fax.delivered');
    expect(await holdOf(id)).toMatchObject({ status: 'held' });

    const stranger = callbackBody('00000000-0000-4000-8000-000000000000', 'fax.delivered');
    const answer = await postCallback(stranger, live.standin.signatureHeaders(stranger));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ received: true, outcome: 'unknown' });
  });

  it('times out a fax the carrier never settles only after polling it, and releases its hold', async () => {
    const id = await live.submit(acct.liveKey, '+13125550151', threePages);

    const fax = await waitForFax(prisma, id, 'timed out', isTerminal);
    expect(fax).toMatchObject({ status: 'failed', failureCode: 'timeout', charged: 0n });
    expect(fax.attemptsLog[0].carrierPolledAt).not.toBeNull();
    // The poll found it sending: in_progress, before the watchdog.
    expect(await eventTypes(prisma, id)).toEqual(['fax.queued', 'fax.submitted', 'fax.in_progress', 'fax.failed']);
    await expectMoneySettled(prisma, acct.accountId, [id], 'live');
  });

  it("deletes the carrier's copies of a purged document, every attempt's, and records it", async () => {
    const retention = live.startApp('retention-worker');
    try {
      const zero = await createTestEnvironment(prisma, acct.accountId, { type: 'live', name: 'Zero footprint' });
      await prisma.environment.update({ where: { id: zero.environmentId }, data: { zeroFootprint: true } });
      const ids = [await live.submit(zero.key, '+13125550100', threePages), await live.submit(zero.key, '+13125550120', threePages, 2)];

      for (const id of ids) {
        const fax = await waitForFax(prisma, id, 'purged, with its carrier copies', (row) => row.purgedAt !== null && row.attemptsLog.every((a) => a.carrierCopyDeletedAt !== null));
        expect(fax.attemptsLog).toHaveLength(id === ids[0] ? 1 : 2);
        for (const attempt of fax.attemptsLog) {
          expect(live.standin.faxes().find((copy) => copy.id === attempt.carrierFaxId)).toMatchObject({ deleted: true, document: Buffer.alloc(0) });
        }
      }
    } finally {
      await retention.stop();
    }
  });

  it('loses nothing when the worker is killed after the send: the callbacks settle the fax without it', async () => {
    live.standin.holdCallbacks();
    try {
      const id = await live.submit(acct.liveKey, '+13125550100', threePages);
      await waitForFax(prisma, id, 'handed to the carrier', (row) => row.attemptsLog[0]?.carrierFaxId != null);
      await worker.kill();
      live.standin.releaseCallbacks();

      await waitForFax(prisma, id, 'delivered', (row) => row.status === 'delivered');
      expect(sentTo(id)).toHaveLength(1);
      await expectMoneySettled(prisma, acct.accountId, [id], 'live');
    } finally {
      live.standin.releaseCallbacks();
      worker = startWorker();
    }
  });

  it('sends nothing twice when the worker dies waiting for the answer to its send: the next run finds the fax Telnyx took', async () => {
    live.standin.holdCallbacks();
    live.standin.holdSendAnswers();
    try {
      const id = await live.submit(acct.liveKey, '+13125550100', threePages);
      await waitFor('the stand-in to take the fax', async () => (sentTo(id).length === 1 ? true : undefined));
      await worker.kill();
      live.standin.releaseSendAnswers();
      worker = startWorker();

      // Its job stalled with the dead worker; the next run adopts the fax by its client_state.
      const adopted = await waitForFax(prisma, id, 'adopting the fax Telnyx took', (row) => row.attemptsLog[0]?.carrierFaxId != null, 45_000);
      expect(adopted.attemptsLog[0].carrierFaxId).toBe(sentTo(id)[0].id);
      live.standin.releaseCallbacks();
      const fax = await waitForFax(prisma, id, 'delivered', isTerminal);
      expect(fax).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(sentTo(id)).toHaveLength(1);
      await expectMoneySettled(prisma, acct.accountId, [id], 'live');
    } finally {
      live.standin.releaseSendAnswers();
      live.standin.releaseCallbacks();
    }
  }, 60_000);
});
