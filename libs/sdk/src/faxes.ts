import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { TERMINAL_FAX_STATUSES, type Fax, type ListFaxesParams, type ListPage, type SendFaxOptions } from './api-types';
import { WaitTimeoutError } from './errors';
import type { paths } from './generated/openapi';
import { paginate } from './pagination';
import { sleep } from './retries';
import { unwrap, type ApiClient } from './transport';

/** The document: its bytes (`file`) or a path to read them from. PDF, TIFF, JPEG or PNG, told apart by content. */
export type FaxDocument = { file: Blob | Uint8Array; filename?: string } | { path: string; filename?: string };

export type SendFaxParams = SendFaxOptions & { to: string } & FaxDocument;

export interface WaitForOptions {
  /** Give up after this long (ms), throwing WaitTimeoutError; default 5 minutes. */
  timeout?: number;
  /** Time between two looks at the fax (ms); default 1 s. */
  interval?: number;
  /** Called with the fax each time it is fetched, first at once: for progress. */
  onUpdate?: (fax: Fax) => void;
  signal?: AbortSignal;
}

type SubmissionBody = paths['/v1/faxes']['post']['requestBody']['content']['multipart/form-data'];

export class Faxes {
  constructor(private readonly api: ApiClient) {}

  /** Sends a fax: its cost is held and it is queued (`status: "queued"`). Retries reuse one Idempotency-Key. */
  async send(params: SendFaxParams): Promise<Fax> {
    const form = await submissionForm(params);
    // The fields are typed by SendFaxParams (from the OpenAPI document); multipart carries them as text parts.
    return unwrap(this.api.POST('/v1/faxes', { body: form as unknown as SubmissionBody }));
  }

  /** The fax with its `attempts_log`. */
  get(id: string): Promise<Fax> {
    return unwrap(this.api.GET('/v1/faxes/{id}', { params: { path: { id } } }));
  }

  /** Deletes a delivered or failed fax (409 `fax_not_terminal` otherwise). */
  async delete(id: string): Promise<void> {
    await unwrap(this.api.DELETE('/v1/faxes/{id}', { params: { path: { id } } }));
  }

  /** One page, newest first; `startingAfter` is the last id of the previous page. */
  page(params: ListFaxesParams = {}, startingAfter?: string): Promise<ListPage<Fax>> {
    return unwrap(this.api.GET('/v1/faxes', { params: { query: { ...params, starting_after: startingAfter } } }));
  }

  /** Every fax of the environment, newest first, page after page: `for await (const fax of faxes.list({ status: 'failed' }))`. */
  list(params: ListFaxesParams = {}): AsyncGenerator<Fax, void, undefined> {
    return paginate((cursor) => this.page(params, cursor));
  }

  /** Polls the fax until it is `delivered` or `failed`, and returns it. */
  async waitFor(id: string, { timeout = 300_000, interval = 1_000, onUpdate, signal }: WaitForOptions = {}): Promise<Fax> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const fax = await this.get(id);
      onUpdate?.(fax);
      if (TERMINAL_FAX_STATUSES.includes(fax.status)) return fax;
      if (Date.now() + interval > deadline) throw new WaitTimeoutError(fax, timeout);
      await sleep(interval, signal);
    }
  }
}

const DOCUMENT_FIELDS = new Set(['file', 'path', 'filename']);

async function documentOf(params: FaxDocument): Promise<{ blob: Blob; name: string }> {
  if ('path' in params) return { blob: new Blob([await readFile(params.path)]), name: params.filename ?? basename(params.path) };
  return { blob: params.file instanceof Blob ? params.file : new Blob([params.file]), name: params.filename ?? 'document' };
}

/** docs/api/routes.md "Sending a fax": lists as repeated fields, objects as JSON strings, the file last. */
async function submissionForm(params: SendFaxParams): Promise<FormData> {
  const form = new FormData();
  for (const [field, value] of Object.entries(params)) {
    if (DOCUMENT_FIELDS.has(field) || value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) form.append(field, String(item));
    else form.append(field, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const { blob, name } = await documentOf(params);
  form.append('file', blob, name);
  return form;
}
