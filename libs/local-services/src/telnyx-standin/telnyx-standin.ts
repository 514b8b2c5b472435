import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument } from 'pdf-lib';
import { CallbackSender, type CallbackEvent, type SentCallback } from './standin-callbacks';
import { standinScenario, type StandinScenario } from './standin-scenarios';

export interface TelnyxStandinOptions {
  /** 0 (the default): any free port. */
  port?: number;
  host?: string;
  /** Time between a fax's steps (queued, processed, sending, its end); a real fax takes about a minute a page. */
  stepDelayMs?: number;
  /** One line per fax step, for a terminal. */
  log?: (line: string) => void;
}

/** A fax as the stand-in took it: what was sent (every form field), and where it stands. */
export interface StandinFax {
  id: string;
  to: string;
  from: string;
  connectionId: string;
  clientState: string | null;
  webhookUrl: string | null;
  /** Every form field but the document, as received (e.g. to check that `store_media` never is). */
  fields: Record<string, string>;
  document: Buffer;
  documentType: string;
  pageCount: number;
  status: string;
  failureReason: string | null;
  createdAt: Date;
  deleted: boolean;
}

export interface TelnyxStandin {
  /** The API base, ending in `/v2`: TELNYX_API_BASE. */
  url: string;
  /** The base64 Ed25519 key its callbacks are signed with: TELNYX_PUBLIC_KEY. */
  publicKey: string;
  /** The faxes it took, in order. */
  faxes(): StandinFax[];
  /** The callbacks it sent, with the answers they got. */
  callbacks(): SentCallback[];
  /** Headers signing `body` as the stand-in signs its callbacks, for tests that replay or forge one. */
  signatureHeaders(body: string, timestamp?: number): Record<string, string>;
  /** Sends a fax's callback of `event` (again), as Telnyx's retries and duplicates do; resolves with the answer's status. */
  sendCallback(faxId: string, event: CallbackEvent): Promise<number>;
  /** Callbacks wait, in order, until released. */
  holdCallbacks(): void;
  releaseCallbacks(): void;
  /** Sends are taken (the fax exists, and goes ahead once released) but not answered until released. */
  holdSendAnswers(): void;
  releaseSendAnswers(): void;
  stop(): Promise<void>;
}

/** A gate that is open, or holds everything that waits on it until it opens again. */
class Gate {
  private waiting?: { promise: Promise<void>; open: () => void };

  close(): void {
    if (this.waiting) return;
    let open = () => undefined as void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.waiting = { promise, open };
  }

  open(): void {
    this.waiting?.open();
    this.waiting = undefined;
  }

  passed(): Promise<void> {
    return this.waiting?.promise ?? Promise.resolve();
  }
}

/** What the route answers when the connection is to be dropped instead of answered. */
const DROP_CONNECTION = { status: 0 };

const telnyxError = (status: number, title: string, detail: string) => ({ status, body: { errors: [{ code: String(10000 + status), title, detail }] } });

/**
 * A local stand-in for Telnyx Programmable Fax: a real HTTP server speaking the part of the v2 API
 * the adapter uses (send as multipart with `contents`, retrieve, list by destination and time,
 * delete), taking each fax through Telnyx's statuses and posting signed callbacks to its
 * `webhook_url`; what happens to a fax is chosen by its destination (standin-scenarios.ts).
 */
export async function startTelnyxStandin(options: TelnyxStandinOptions = {}): Promise<TelnyxStandin> {
  const stepDelayMs = options.stepDelayMs ?? 0;
  const log = options.log ?? (() => undefined);
  const faxes = new Map<string, StandinFax>();
  const sender = new CallbackSender();
  const callbackGate = new Gate();
  const answerGate = new Gate();
  /** Each fax's callbacks, one after another; different faxes' at once. */
  const callbackChains = new Map<string, Promise<void>>();
  let stopped = false;

  const emit = (fax: StandinFax, event: CallbackEvent): void => {
    if (!fax.webhookUrl) return;
    const url = fax.webhookUrl;
    const now = { ...fax };
    // In order, each after the gate (Telnyx may reorder them; tests do that themselves).
    const chain = (callbackChains.get(fax.id) ?? Promise.resolve()).then(async () => {
      await callbackGate.passed();
      if (!stopped) await sender.deliver(url, event, now);
    });
    callbackChains.set(fax.id, chain);
    void chain.then(() => callbackChains.get(fax.id) === chain && callbackChains.delete(fax.id));
  };

  const step = () => new Promise((resolve) => setTimeout(resolve, stepDelayMs));

  async function run(fax: StandinFax, scenario: StandinScenario): Promise<void> {
    const quiet = scenario.kind === 'silent' || scenario.kind === 'hangs';
    if (!quiet) emit(fax, 'fax.queued');
    await step();
    fax.status = 'media.processed';
    if (!quiet) emit(fax, 'fax.media.processed');
    await step();
    const connects = scenario.kind !== 'failed' || scenario.connects;
    fax.status = connects ? 'sending' : 'originated';
    if (connects && !quiet) emit(fax, 'fax.sending.started');
    if (scenario.kind === 'hangs') return log(`fax ${fax.id} to ${fax.to}: sending, and staying so`);
    await step();
    if (scenario.kind === 'failed') {
      fax.status = 'failed';
      fax.failureReason = scenario.reason;
      emit(fax, 'fax.failed');
      return log(`fax ${fax.id} to ${fax.to}: failed (${scenario.reason})`);
    }
    fax.status = 'delivered';
    if (scenario.kind === 'delivered' && scenario.pages !== null) fax.pageCount = scenario.pages;
    if (!quiet) emit(fax, 'fax.delivered');
    log(`fax ${fax.id} to ${fax.to}: delivered (${fax.pageCount} pages)${quiet ? ', no callback sent' : ''}`);
  }

  async function createFax(request: Request): Promise<{ status: number; body?: object }> {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return telnyxError(422, 'Invalid request', 'The fax must be sent as multipart/form-data.');
    }
    const fields: Record<string, string> = {};
    let file: File | null = null;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else if (name === 'contents') file = value;
    }
    const missing = ['connection_id', 'from', 'to'].filter((name) => !fields[name]);
    if (missing.length > 0) return telnyxError(422, 'Missing required parameter', `${missing.join(', ')} must be given.`);
    if (!file && !fields.media_url && !fields.media_name) return telnyxError(422, 'Missing required parameter', 'One of contents, media_url or media_name must be given.');
    if (!/^\+[1-9]\d{1,14}$/.test(fields.to)) return telnyxError(422, 'Invalid phone number', `${fields.to} is not an E.164 number.`);
    const scenario = standinScenario(fields.to);
    if (scenario.kind === 'refused') {
      log(`send to ${fields.to}: answered ${scenario.status}`);
      return telnyxError(scenario.status, scenario.status === 422 ? 'Invalid destination' : 'Unavailable', `The stand-in refuses faxes to ${fields.to} with ${scenario.status}.`);
    }
    const document = file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
    const fax: StandinFax = {
      id: randomUUID(),
      to: fields.to,
      from: fields.from,
      connectionId: fields.connection_id,
      clientState: fields.client_state ?? null,
      webhookUrl: fields.webhook_url ?? null,
      fields,
      document,
      documentType: file?.type ?? '',
      pageCount: await pagesOf(document),
      status: 'queued',
      failureReason: null,
      createdAt: new Date(),
      deleted: false,
    };
    faxes.set(fax.id, fax);
    log(`fax ${fax.id} to ${fax.to}: taken (${fax.pageCount} pages)`);
    await answerGate.passed();
    void run(fax, scenario);
    if (scenario.kind === 'unanswered') return DROP_CONNECTION;
    return { status: 202, body: { data: faxObject(fax) } };
  }

  function listFaxes(query: URLSearchParams): { status: number; body: object } {
    const to = query.get('filter[to][eq]');
    const since = query.get('filter[created_at][gte]');
    const direction = query.get('filter[direction][eq]');
    const size = Number(query.get('page[size]') ?? 20);
    const number = Number(query.get('page[number]') ?? 1);
    const matching = [...faxes.values()].filter(
      (fax) => !fax.deleted && (!to || fax.to === to) && (!since || fax.createdAt >= new Date(since)) && (!direction || direction === 'outbound'),
    );
    const page = matching.slice((number - 1) * size, number * size);
    return {
      status: 200,
      body: { data: page.map(faxObject), meta: { page_number: number, page_size: size, total_pages: Math.max(1, Math.ceil(matching.length / size)), total_results: matching.length } },
    };
  }

  async function route(request: Request, method: string, path: string, query: URLSearchParams): Promise<{ status: number; body?: object }> {
    if (!/^Bearer \S+$/.test(request.headers.get('authorization') ?? '')) return telnyxError(401, 'Authentication failed', 'Send an API key as a Bearer token.');
    if (path === '/v2/faxes' && method === 'POST') return createFax(request);
    if (path === '/v2/faxes' && method === 'GET') return listFaxes(query);
    const id = /^\/v2\/faxes\/([^/]+)$/.exec(path)?.[1];
    const fax = id === undefined ? undefined : faxes.get(decodeURIComponent(id));
    if (id === undefined) return telnyxError(404, 'Not found', `No route ${method} ${path} in the stand-in.`);
    if (!fax || fax.deleted) return telnyxError(404, 'Resource not found', `No fax ${id}.`);
    if (method === 'GET') return { status: 200, body: { data: faxObject(fax) } };
    if (method === 'DELETE') {
      fax.deleted = true;
      fax.document = Buffer.alloc(0);
      log(`fax ${fax.id}: deleted`);
      return { status: 204 };
    }
    return telnyxError(405, 'Method not allowed', `${method} ${path}`);
  }

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://standin');
      const method = incoming.method ?? 'GET';
      const headers = new Headers(Object.entries(incoming.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])));
      const request = new Request(url, { method, headers, ...(method !== 'GET' && method !== 'HEAD' && { body: Buffer.concat(chunks) }) });
      route(request, method, url.pathname, url.searchParams)
        .then(({ status, body }) => {
          if (status === DROP_CONNECTION.status) return void response.socket?.destroy();
          response.writeHead(status, body ? { 'content-type': 'application/json' } : {});
          response.end(body ? JSON.stringify(body) : undefined);
        })
        .catch((error: Error) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify(telnyxError(500, 'Stand-in error', error.message).body));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/v2`,
    publicKey: sender.publicKey,
    faxes: () => [...faxes.values()],
    callbacks: () => [...sender.sent],
    signatureHeaders: (body, timestamp) => sender.signatureHeaders(body, timestamp),
    async sendCallback(faxId, event) {
      const fax = faxes.get(faxId);
      if (!fax?.webhookUrl) throw new Error(`The stand-in has no fax ${faxId} with a webhook_url.`);
      return sender.deliver(fax.webhookUrl, event, fax);
    },
    holdCallbacks: () => callbackGate.close(),
    releaseCallbacks: () => callbackGate.open(),
    holdSendAnswers: () => answerGate.close(),
    releaseSendAnswers: () => answerGate.open(),
    async stop() {
      stopped = true;
      sender.stop();
      callbackGate.open();
      answerGate.open();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Telnyx's fax object, as its API answers it. */
function faxObject(fax: StandinFax): object {
  return {
    id: fax.id,
    record_type: 'fax',
    direction: 'outbound',
    connection_id: fax.connectionId,
    from: fax.from,
    to: fax.to,
    status: fax.status,
    failure_reason: fax.failureReason,
    ...(fax.clientState !== null && { client_state: fax.clientState }),
    ...(fax.webhookUrl !== null && { webhook_url: fax.webhookUrl }),
    store_media: false,
    created_at: fax.createdAt.toISOString(),
    updated_at: new Date().toISOString(),
  };
}

/** The pages Telnyx would send: a PDF's own count, one for any image. */
async function pagesOf(document: Buffer): Promise<number> {
  try {
    return (await PDFDocument.load(document, { ignoreEncryption: true, updateMetadata: false })).getPageCount();
  } catch {
    return 1;
  }
}
