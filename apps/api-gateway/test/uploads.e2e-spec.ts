import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { PrismaService } from '@mintfax/db';
import { createTestAccount, jpegDocument, serviceEnv, testPrisma, useTestInfrastructure, waitFor, type TestAccount } from '@mintfax/testing';
import { startGateway, type Gateway } from './support/gateway';

/** A real JPEG of about `size` bytes (at least): a small image padded with comment segments after its start marker. */
function jpegOf(size: number): Buffer {
  const image = jpegDocument();
  const comments: Buffer[] = [];
  for (let missing = size - image.length; missing > 0; missing -= 65_537) {
    const length = Math.min(65_535, Math.max(2, missing - 2));
    comments.push(Buffer.concat([Buffer.from([0xff, 0xfe, length >> 8, length & 0xff]), Buffer.alloc(length - 2, 0x20)]));
  }
  return Buffer.concat([image.subarray(0, 2), ...comments, image.subarray(2)]);
}

describe('fax uploads in flight per account', () => {
  const infra = useTestInfrastructure();
  let gateway: Gateway;
  let prisma: PrismaService;
  let busy: TestAccount;
  let other: TestAccount;
  const open: Socket[] = [];

  beforeAll(async () => {
    gateway = await startGateway({ ...serviceEnv(infra()), UPLOADS_PER_ACCOUNT: '4' });
    prisma = testPrisma(infra().databaseUrl);
    busy = await createTestAccount(prisma);
    other = await createTestAccount(prisma);
  });

  afterEach(() => {
    for (const socket of open.splice(0)) socket.destroy();
  });

  afterAll(async () => {
    await gateway?.app.close();
    await prisma?.$disconnect();
  });

  const upload = (key: string, document: Buffer | ReadableStream<Uint8Array> = jpegOf(1000)) => {
    const form = new FormData();
    form.append('to', '+15005550001');
    if (Buffer.isBuffer(document)) form.append('file', new Blob([document]), 'page.jpg');
    return fetch(`${gateway.base}/v1/faxes`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
  };

  /** An upload whose document never finishes arriving: it holds its slot until its connection goes. */
  function stalledUpload(key: string): { socket: Socket; answered: () => boolean } {
    const head = Buffer.from(
      '--xyz\r\ncontent-disposition: form-data; name="to"\r\n\r\n+15005550001\r\n' +
        '--xyz\r\ncontent-disposition: form-data; name="file"; filename="slow.jpg"\r\ncontent-type: image/jpeg\r\n\r\n',
    );
    let answered = false;
    const socket = connect(Number(new URL(gateway.base).port), '127.0.0.1', () => {
      socket.write(
        `POST /v1/faxes HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${key}\r\n` +
          `content-type: multipart/form-data; boundary=xyz\r\ncontent-length: 1000000\r\n\r\n`,
      );
      socket.write(Buffer.concat([head, jpegOf(1000).subarray(0, 500)]));
    });
    socket.on('data', () => void (answered = true));
    socket.on('error', () => undefined);
    open.push(socket);
    return { socket, answered: () => answered };
  }

  /**
   * Holds every slot of the account with stalled uploads, then returns the refusal of one more. A
   * probe may take a slot while the stalled uploads are still arriving; one refused then is replaced.
   */
  async function fillSlots(key: string): Promise<{ stalled: Socket[]; refused: Response }> {
    const stalled = Array.from({ length: 4 }, () => stalledUpload(key));
    const refused = await waitFor('an upload refused for want of a slot', async () => {
      stalled.forEach((upload, i) => {
        if (upload.answered()) stalled[i] = stalledUpload(key);
      });
      const response = await upload(key);
      return response.status === 429 ? response : undefined;
    });
    return { stalled: stalled.map((upload) => upload.socket), refused };
  }

  it('answers a fifth upload of one account 429 with Retry-After, and lets other accounts upload', async () => {
    const { refused } = await fillSlots(busy.sandboxKey);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('x-ratelimit-limit')).not.toBeNull();
    const body = (await refused.json()) as { error: string; action: string; message: string; context: Record<string, unknown>; request_id: string };
    expect(body).toMatchObject({ error: 'rate_limit_exceeded', action: 'wait_and_retry', context: { uploads_in_flight: 4 } });
    expect(body.message).toMatch(/4 fax uploads in flight/);
    expect((await upload(other.sandboxKey)).status).toBe(201);
  });

  it('frees the slot of an upload whose client went away', async () => {
    const { stalled } = await fillSlots(busy.sandboxKey);
    stalled[0]?.destroy();
    const accepted = await waitFor('an upload accepted after one client left', async () => {
      const response = await upload(busy.sandboxKey);
      return response.status === 201 ? response : undefined;
    });
    expect(await accepted.json()).toMatchObject({ status: 'queued' });
  });

  it('frees the slot of an upload that was refused or failed', async () => {
    const account = await createTestAccount(prisma);
    for (let i = 0; i < 6; i += 1) {
      expect((await upload(account.sandboxKey, Buffer.from('not a document'))).status).toBe(422);
      expect((await upload(account.sandboxKey, jpegOf(10 * 1024 * 1024 + 1))).status).toBe(422);
    }
    expect((await upload(account.sandboxKey)).status).toBe(201);
  });

  it('reads a document sent without Content-Length (chunked) byte for byte, with its SHA-256', async () => {
    const document = jpegOf(3 * 1024 * 1024 + 7);
    const form = new FormData();
    form.append('to', '+15005550001');
    form.append('file', new Blob([document]), 'big.jpg');
    const encoded = new Response(form);
    // A stream body goes out chunked: the reader cannot size its buffer from Content-Length.
    const response = await fetch(`${gateway.base}/v1/faxes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.sandboxKey}`, 'content-type': encoded.headers.get('content-type') as string },
      body: encoded.body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(201);
    const fax = (await response.json()) as { id: string; document: { sha256: string; source: { size_bytes: number; sha256: string } } };
    // The upload arrived whole (its own size and hash), and the fax-ready PDF made from it is stored.
    expect(fax.document.source).toMatchObject({ size_bytes: document.length, sha256: createHash('sha256').update(document).digest('hex') });
    const stored = await prisma.faxDocument.findUniqueOrThrow({ where: { faxId: fax.id } });
    expect(createHash('sha256').update(stored.content).digest('hex')).toBe(fax.document.sha256);
  });
});
