import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pdfDocument, startTelnyxStandin, waitFor, type TelnyxStandin } from '@mintfax/testing';
import type { CarrierCall } from '../carrier';
import { createTelnyxClient, TelnyxCarrier, TelnyxCopies } from './telnyx-carrier';
import { parseTelnyxCallback, telnyxPublicKey, verifyTelnyxSignature } from './telnyx-callback';
import { decodeClientState } from './telnyx-client-state';

// The adapter against the stand-in over real HTTP, through the official SDK: what it sends, how it
// reads Telnyx's answers, and that the callbacks it is told about verify (and forged ones do not).
describe('the Telnyx adapter', () => {
  let standin: TelnyxStandin;
  let receiver: Server;
  let webhookUrl: string;
  const received: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
  let carrier: TelnyxCarrier;
  let copies: TelnyxCopies;
  let pdf: Buffer;

  beforeAll(async () => {
    standin = await startTelnyxStandin();
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks) });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/carriers/telnyx/webhook`;
    const client = createTelnyxClient({ apiKey: 'KEY_test', apiBase: standin.url });
    carrier = new TelnyxCarrier(client, { connectionId: 'conn-1', fromNumber: '+13125550001', webhookUrl });
    copies = new TelnyxCopies(client);
    pdf = await pdfDocument(3);
  });

  afterAll(async () => {
    await standin.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const call = (to: string, attempt = 1): CarrierCall => ({
    faxId: `fax_${to.slice(-4)}_${attempt}`,
    to,
    from: null,
    pages: 3,
    attempt,
    csid: null,
    resolution: 'fine',
    pageSize: 'letter',
    document: async () => pdf,
  });

  it('uploads the document itself, with our fax and attempt as client_state and never store_media', async () => {
    const result = await carrier.send(call('+13125550100'));

    expect(result).toEqual({ outcome: 'submitted', carrierFaxId: expect.any(String) });
    const sent = standin.faxes().find((fax) => result.outcome === 'submitted' && fax.id === result.carrierFaxId);
    expect(sent).toMatchObject({ to: '+13125550100', from: '+13125550001', connectionId: 'conn-1', webhookUrl, documentType: 'application/pdf', pageCount: 3 });
    // `fine` resolution asks Telnyx for its `high` quality.
    expect(sent?.fields.quality).toBe('high');
    expect(sent?.document.equals(pdf)).toBe(true);
    expect(decodeClientState(sent?.clientState)).toEqual({ faxId: 'fax_0100_1', attempt: 1 });
    expect(Object.keys(sent?.fields ?? {})).not.toContain('store_media');
  });

  it.each([
    ['+13125550160', 'transient', /HTTP 429/],
    ['+13125550170', 'transient', /HTTP 500/],
    ['+13125550180', 'rejected', /refused the fax \(HTTP 422\): Invalid destination/],
  ])('maps a send to %s answered with an error to %s', async (to, code, message) => {
    const result = await carrier.send(call(to));

    expect(result).toEqual({ outcome: 'failed', code, message: expect.stringMatching(message), pagesSent: 0 });
  });

  it('never sends twice a fax Telnyx took whose answer was cut off: it finds it instead', async () => {
    const result = await carrier.send(call('+13125550190'));

    const taken = standin.faxes().filter((fax) => fax.to === '+13125550190');
    expect(taken).toHaveLength(1);
    expect(result).toEqual({ outcome: 'submitted', carrierFaxId: taken[0].id });
  });

  it('maps an unreachable API to a transient failure', async () => {
    const offline = new TelnyxCarrier(createTelnyxClient({ apiKey: 'KEY_test', apiBase: 'http://127.0.0.1:1/v2' }), { connectionId: 'c', fromNumber: '+13125550001', webhookUrl });

    expect(await offline.send(call('+13125550100'))).toMatchObject({ outcome: 'failed', code: 'transient', message: expect.stringMatching(/could not be reached/) });
  });

  it('reads where a fax stands from a poll, and a fax Telnyx no longer knows as a carrier error', async () => {
    const busy = await carrier.send(call('+13125550120'));
    const id = busy.outcome === 'submitted' ? busy.carrierFaxId : '';

    const report = await waitFor('the fax to fail at the stand-in', async () => {
      const polled = await carrier.status(id);
      return polled.status === 'failed' ? polled : undefined;
    });
    expect(report).toEqual({ status: 'failed', code: 'busy', message: 'The line was busy. Telnyx reported "user_busy".' });
    expect(await carrier.status('8c4d1f8e-0000-4000-8000-000000000000')).toMatchObject({ status: 'failed', code: 'carrier_error' });
  });

  it('finds the fax a lost answer left behind by its client_state, and only that one', async () => {
    const lost = await carrier.send(call('+13125550101', 2));
    const since = new Date(Date.now() - 1000);

    expect(await carrier.findSent(call('+13125550101', 2), since)).toBe(lost.outcome === 'submitted' ? lost.carrierFaxId : 'none');
    expect(await carrier.findSent(call('+13125550101', 3), since)).toBeNull();
  });

  it('deletes its copy at the carrier, and counts one already gone as deleted', async () => {
    const sent = await carrier.send(call('+13125550102'));
    const id = sent.outcome === 'submitted' ? sent.carrierFaxId : '';

    await copies.deleteCopy(id);
    await copies.deleteCopy(id);
    expect(standin.faxes().find((fax) => fax.id === id)).toMatchObject({ deleted: true, document: Buffer.alloc(0) });
  });

  it('gets callbacks signed with the stand-in key, which verify and parse; a forged or stale one does not verify', async () => {
    const sent = await carrier.send(call('+13125550113'));
    const id = sent.outcome === 'submitted' ? sent.carrierFaxId : '';
    const delivered = await waitFor('fax.delivered', async () =>
      received.find(({ body }) => body.includes('"fax.delivered"') && body.includes(id)),
    );
    const key = telnyxPublicKey(standin.publicKey);
    const headers = { signature: delivered.headers['telnyx-signature-ed25519'], timestamp: delivered.headers['telnyx-timestamp'] };

    expect(() => verifyTelnyxSignature(key, delivered.body, headers)).not.toThrow();
    expect(parseTelnyxCallback(JSON.parse(delivered.body.toString()))).toEqual({
      event: 'fax.delivered',
      reported: { carrierFaxId: id, sentFor: { faxId: 'fax_0113_1', attempt: 1 } },
      report: { status: 'delivered', pagesSent: 3 },
    });
    const tampered = Buffer.from(delivered.body.toString().replace('"page_count":3', '"page_count":1'));
    expect(() => verifyTelnyxSignature(key, tampered, headers)).toThrow(/does not sign this body/);
    expect(() => verifyTelnyxSignature(key, delivered.body, headers, Date.now() + 301_000)).toThrow(/within 300 s/);
    expect(() => verifyTelnyxSignature(key, delivered.body, { ...headers, signature: undefined })).toThrow(/header is missing/);
  });
});
