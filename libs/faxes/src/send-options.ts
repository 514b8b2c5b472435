import type { CoverTemplate, FaxResolution, PageSize } from '@mintfax/db';
import type { CoverPage } from '@mintfax/documents';
import { ApiError, type FieldErrors } from '@mintfax/errors';
import type { CoverPageObject } from './fax-object';
import type { SendOptions } from './submit-fax';

/**
 * The send options of a submission as the client gave them (docs/api/routes.md "Send options"),
 * `undefined` where it gave none: the environment's defaults fill those in.
 */
export interface RequestedSendOptions {
  pageSize?: PageSize;
  resolution?: FaxResolution;
  csid: string | null;
  tags: string[];
  cover: { template?: CoverTemplate; recipientName: string | null; subject: string | null; message: string | null };
}

export const SEND_OPTION_FIELDS = ['cover_page', 'recipient_name', 'subject', 'message', 'csid', 'page_size', 'resolution', 'tags'] as const;

const PAGE_SIZES: readonly PageSize[] = ['letter', 'a4'];
const RESOLUTIONS: readonly FaxResolution[] = ['standard', 'fine'];
const COVER_TEMPLATES: readonly CoverTemplate[] = ['none', 'standard', 'hipaa'];
const CSID = /^[\x20-\x7e]{1,20}$/;
const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 64;
const COVER_TEXT_LIMITS = { recipient_name: 100, subject: 200, message: 2000 } as const;

/** Reads a field: one text value (JSON value, or a multipart field's text) and every value of a repeated field. */
export interface FieldReader {
  one(name: string): unknown;
  all(name: string): unknown[];
  multipart: boolean;
}

type Fail = (field: string, message: string) => void;

/** Every send option, each problem reported on its own field (`cover_page.subject`, `tags`, …). */
export function readSendOptions(read: FieldReader, fail: Fail): RequestedSendOptions {
  const coverValue = read.one('cover_page');
  const parsed = read.multipart ? parseJsonObject(coverValue) : coverValue;
  const nested = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  if (nested) {
    for (const name of Object.keys(nested)) if (name !== 'template' && !(name in COVER_TEXT_LIMITS)) fail(`cover_page.${name}`, `Unknown field "${name}".`);
    for (const name of Object.keys(COVER_TEXT_LIMITS)) {
      if (read.one(name) !== undefined) fail(name, `Send "${name}" inside cover_page, or cover_page as a template name; not both.`);
    }
  }
  const text = (name: keyof typeof COVER_TEXT_LIMITS) =>
    nested ? readText(nested[name], `cover_page.${name}`, COVER_TEXT_LIMITS[name], fail) : readText(read.one(name), name, COVER_TEXT_LIMITS[name], fail);
  return {
    ...readScalarOptions(read, fail),
    cover: {
      template: nested ? readEnum(nested.template, 'cover_page.template', COVER_TEMPLATES, fail) : readEnum(coverValue, 'cover_page', COVER_TEMPLATES, fail),
      recipientName: text('recipient_name'),
      subject: text('subject'),
      message: text('message'),
    },
  };
}

function readScalarOptions(read: FieldReader, fail: Fail): Omit<RequestedSendOptions, 'cover'> {
  return {
    pageSize: readEnum(read.one('page_size'), 'page_size', PAGE_SIZES, fail),
    resolution: readEnum(read.one('resolution'), 'resolution', RESOLUTIONS, fail),
    csid: readCsid(read.one('csid'), fail),
    tags: readTags(read, fail),
  };
}

function readEnum<T extends string>(value: unknown, field: string, allowed: readonly T[], fail: Fail): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  fail(field, `Must be one of: ${allowed.join(', ')}.`);
  return undefined;
}

function readCsid(value: unknown, fail: Fail): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && CSID.test(value)) return value;
  fail('csid', 'Must be 1 to 20 printable ASCII characters (the station id printed in the header line).');
  return null;
}

function readText(value: unknown, field: string, max: number, fail: Fail): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    fail(field, 'Must be a string.');
    return null;
  }
  const text = value.trim();
  if (text.length > max) fail(field, `Must be at most ${max} characters.`);
  return text === '' ? null : text;
}

/** JSON: an array. Multipart: the field repeated, or once as a JSON array string. */
function readTags(read: FieldReader, fail: Fail): string[] {
  let values: unknown[];
  if (read.multipart) {
    const all = read.all('tags');
    values = all.length === 1 && typeof all[0] === 'string' && all[0].trimStart().startsWith('[') ? toArray(parseJson(all[0])) : all;
  } else {
    const value = read.one('tags');
    if (value === undefined || value === null) return [];
    values = toArray(value);
  }
  if (!values.every((tag) => typeof tag === 'string' && tag.length >= 1 && tag.length <= MAX_TAG_LENGTH)) {
    fail('tags', `Must be a list of strings of 1 to ${MAX_TAG_LENGTH} characters.`);
    return [];
  }
  const tags = [...new Set(values as string[])];
  if (tags.length > MAX_TAGS) {
    fail('tags', `At most ${MAX_TAGS} tags.`);
    return [];
  }
  return tags;
}

function toArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [Symbol('not a list')];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A multipart `cover_page` may be a template name or a JSON object; anything else stays as it came. */
function parseJsonObject(value: unknown): unknown {
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return value;
  return parseJson(value) ?? value;
}

/**
 * The options a fax is sent with: what the request gave, else the environment's defaults. Cover
 * texts with no cover page to print them on are refused rather than silently dropped.
 */
export function resolveSendOptions(
  requested: RequestedSendOptions,
  defaults: { pageSize: PageSize; coverPage: CoverTemplate },
  fail: Fail,
): SendOptions {
  const template = requested.cover.template ?? defaults.coverPage;
  const { recipientName, subject, message } = requested.cover;
  if (template === 'none') {
    for (const [field, value] of Object.entries({ recipient_name: recipientName, subject, message })) {
      if (value !== null) fail(field, 'Only printed on a cover page: set cover_page to standard or hipaa (or give the environment a default cover page).');
    }
  }
  return {
    pageSize: requested.pageSize ?? defaults.pageSize,
    resolution: requested.resolution ?? 'fine',
    csid: requested.csid,
    tags: requested.tags,
    coverPage: template === 'none' ? null : { template, recipient_name: recipientName, subject, message },
  };
}

/** The options of `submission` in `environment`; a cover text with no cover page is a 422 on its field. */
export function sendOptionsFor(submission: { options: RequestedSendOptions }, environment: { pageSize: PageSize; coverPage: CoverTemplate }): SendOptions {
  const errors: FieldErrors = {};
  const options = resolveSendOptions(submission.options, environment, (field, message) => void (errors[field] ??= []).push(message));
  if (Object.keys(errors).length > 0) throw new ApiError('validation_failed', { errors });
  return options;
}

/** What the cover page prints: the fax's texts, the environment's sender, today's date. */
export function coverFor(
  cover: CoverPageObject,
  sender: { senderName: string | null; senderCompany: string | null; senderFax: string | null },
  now = new Date(),
): CoverPage {
  return {
    template: cover.template,
    recipientName: cover.recipient_name,
    subject: cover.subject,
    message: cover.message,
    senderName: sender.senderName,
    senderCompany: sender.senderCompany,
    senderFax: sender.senderFax,
    date: now.toISOString(),
  };
}
