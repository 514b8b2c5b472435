import { createHash } from 'node:crypto';
import type { EnvironmentType } from '@mintfax/db';
import { ApiError, type FieldErrors } from '@mintfax/errors';
import { DOCUMENT_LIMITS } from '@mintfax/documents';
import type { MultipartPart } from '@mintfax/platform';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isMagicNumber } from './sandbox';
import { readSendOptions, SEND_OPTION_FIELDS, type RequestedSendOptions } from './send-options';

/** A submission as the client sent it, before the document is inspected. */
export interface ParsedSubmission {
  to: string;
  from: string | null;
  maxAttempts: number | null;
  metadata: Record<string, string>;
  options: RequestedSendOptions;
  file: { bytes: Buffer; filename: string | null; sha256: string };
}

const E164 = /^\+[1-9]\d{1,14}$/;
const METADATA_MAX_PAIRS = 20;
const METADATA_KEY_MAX = 40;
const METADATA_VALUE_MAX = 500;
const ALLOWED_FIELDS = new Set(['to', 'from', 'file', 'metadata', 'max_attempts', ...SEND_OPTION_FIELDS]);

function isPart(value: unknown): value is MultipartPart {
  return typeof value === 'object' && value !== null && ((value as { type?: unknown }).type === 'field' || (value as { type?: unknown }).type === 'file');
}

/**
 * Reads `POST /v1/faxes` from JSON (`file: { content_base64, filename }`) or multipart
 * (`file` part, text fields), collecting every field error before failing, so a client fixes
 * everything in one round trip.
 */
export function parseSubmission(body: unknown, multipart: boolean, environmentType: EnvironmentType): ParsedSubmission {
  const errors: FieldErrors = {};
  const fail = (field: string, message: string) => void (errors[field] ??= []).push(message);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('invalid_request', undefined, 'Send the fax as multipart/form-data or as a JSON object.');
  }
  const fields = body as Record<string, unknown>;
  for (const name of Object.keys(fields)) if (!ALLOWED_FIELDS.has(name)) fail(name, `Unknown field "${name}".`);
  const text = (name: string): unknown => {
    const value = fields[name];
    if (!multipart) return value;
    if (Array.isArray(value)) {
      fail(name, `Send "${name}" once.`);
      return undefined;
    }
    return isPart(value) && value.type === 'field' ? value.value : value === undefined ? undefined : null;
  };

  const to = readTo(text('to'), environmentType, (m) => fail('to', m));
  const from = readFrom(text('from'), (m) => fail('from', m));
  const maxAttempts = readMaxAttempts(text('max_attempts'), multipart, (m) => fail('max_attempts', m));
  const metadata = readMetadata(text('metadata'), multipart, (m) => fail('metadata', m));
  const options = readSendOptions({ one: text, all: (name) => partValues(fields[name]), multipart }, fail);
  const file = multipart ? readMultipartFile(fields.file, (m) => fail('file', m)) : readJsonFile(fields.file, (f, m) => fail(f, m));

  if (Object.keys(errors).length > 0 || to === undefined || file === undefined) {
    throw new ApiError('validation_failed', { errors });
  }
  return { to, from, maxAttempts, metadata, options, file };
}

/** Every value of a multipart field sent once or repeated (a file part counts as a non-text value). */
function partValues(value: unknown): unknown[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((part) => (isPart(part) && part.type === 'field' ? part.value : null));
}

function readTo(value: unknown, environmentType: EnvironmentType, fail: (m: string) => void): string | undefined {
  if (value === undefined || value === null || value === '') return void fail('A destination number is required.');
  if (typeof value !== 'string' || !E164.test(value)) {
    return void fail('Must be a phone number in E.164 format, e.g. +15005550001.');
  }
  if (environmentType === 'sandbox') {
    if (!isMagicNumber(value)) {
      return void fail('Sandbox faxes go only to the magic numbers +15005550001 to +15005559999 (see the sandbox table in the docs); use a live key for real numbers.');
    }
    return value;
  }
  if (!parsePhoneNumberFromString(value)?.isValid()) return void fail('Is not a valid phone number.');
  return value;
}

function readFrom(value: unknown, fail: (m: string) => void): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !E164.test(value)) {
    fail('Must be a phone number in E.164 format, e.g. +15005550001.');
    return null;
  }
  return value;
}

function readMaxAttempts(value: unknown, multipart: boolean, fail: (m: string) => void): number | null {
  if (value === undefined || value === null || value === '') return null;
  const number = multipart && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 10) {
    fail('Must be an integer from 1 to 10.');
    return null;
  }
  return number;
}

function readMetadata(value: unknown, multipart: boolean, fail: (m: string) => void): Record<string, string> {
  if (value === undefined || value === null || value === '') return {};
  let parsed = value;
  if (multipart && typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      fail('Must be a JSON object of string values.');
      return {};
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    fail('Must be an object of string values.');
    return {};
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length > METADATA_MAX_PAIRS) fail(`At most ${METADATA_MAX_PAIRS} keys.`);
  for (const [key, item] of entries) {
    if (key.length === 0 || key.length > METADATA_KEY_MAX) fail(`Keys must be 1 to ${METADATA_KEY_MAX} characters ("${key.slice(0, 50)}").`);
    if (typeof item !== 'string') fail(`The value of "${key}" must be a string.`);
    else if (item.length > METADATA_VALUE_MAX) fail(`The value of "${key}" is longer than ${METADATA_VALUE_MAX} characters.`);
  }
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function readMultipartFile(value: unknown, fail: (m: string) => void): ParsedSubmission['file'] | undefined {
  if (value === undefined) return void fail('A document is required: send it as the "file" part.');
  if (!isPart(value) || value.type !== 'file') return void fail('Must be a file part, not a text field.');
  // Read and hashed as it streamed in (readMultipartBody): the document is not copied again here.
  return { bytes: value._buf, filename: value.filename || null, sha256: value.sha256 };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function readJsonFile(value: unknown, fail: (field: string, m: string) => void): ParsedSubmission['file'] | undefined {
  if (value === undefined || value === null) return void fail('file', 'A document is required: { "content_base64": "…", "filename": "…" }.');
  if (typeof value !== 'object' || Array.isArray(value)) return void fail('file', 'Must be an object { content_base64, filename }.');
  const { content_base64: content, filename, ...rest } = value as Record<string, unknown>;
  for (const name of Object.keys(rest)) fail(`file.${name}`, `Unknown field "${name}".`);
  if (filename !== undefined && filename !== null && (typeof filename !== 'string' || filename.length > 255)) {
    fail('file.filename', 'Must be a string of at most 255 characters.');
  }
  if (typeof content !== 'string' || content.length === 0) return void fail('file.content_base64', 'The document, base64-encoded, is required.');
  const compact = content.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return void fail('file.content_base64', 'Is not valid base64.');
  if ((compact.length / 4) * 3 > DOCUMENT_LIMITS.uploadBytes + 3) return void fail('file', 'The file is larger than the limit of 10 MB.');
  const bytes = Buffer.from(compact, 'base64');
  return { bytes, filename: typeof filename === 'string' ? filename : null, sha256: createHash('sha256').update(bytes).digest('hex') };
}
