import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiError } from '@mintfax/errors';
import type { Observable } from 'rxjs';

// Postgres stores neither NUL in text nor an unpaired surrogate in jsonb: refused here, named, as
// the caller's mistake, instead of failing the query as ours. Native scans: a base64 upload is
// one 13 MB string, which a regular expression would hold the event loop for about 8 ms to read.
const unstorable = (text: string): boolean => text.includes('\u0000') || !text.isWellFormed();
const UNSTORABLE_MESSAGE = 'Must not contain NUL characters or unpaired UTF-16 surrogates.';
/** Every id the API hands out (`fax_…`, `we_…`, …) is short and plain: anything else cannot exist. */
const PATH_ID = /^[A-Za-z0-9_-]{1,64}$/;

interface Part {
  type: 'field' | 'file';
  fieldname: string;
  value?: unknown;
  filename?: string;
}

function isPart(value: unknown): value is Part {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof value === 'object' && value !== null && (type === 'field' || type === 'file') && 'fieldname' in value;
}

/** The path of the first string (or object key) in `value` that cannot be stored, walking it without recursion. */
export function unstorableTextPath(value: unknown, root: string): string | undefined {
  const pending: [unknown, string][] = [[value, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (unstorable(item)) return path;
    } else if (isPart(item)) {
      // A multipart part as @fastify/multipart attaches it: its text and its file name, never its stream.
      if (typeof item.filename === 'string' && unstorable(item.filename)) return path;
      if (item.type === 'field') pending.push([item.value, path]);
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push([element, path]);
    } else if (typeof item === 'object' && item !== null && !Buffer.isBuffer(item)) {
      for (const [key, child] of Object.entries(item)) {
        if (unstorable(key)) return path;
        pending.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}

/**
 * Runs after authentication and before idempotency and validation: a path id that cannot exist is
 * 404 without a query, and text the database cannot hold is a 422 naming its field.
 */
@Injectable()
export class TextInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ params?: Record<string, unknown>; query?: unknown; body?: unknown }>();
    for (const value of Object.values(request.params ?? {})) {
      if (typeof value !== 'string' || !PATH_ID.test(value)) throw new ApiError('not_found', undefined, 'No such id: ids hold only letters, digits, "_" and "-".');
    }
    const field = unstorableTextPath(request.query, '') ?? unstorableTextPath(request.body, '');
    if (field !== undefined) throw new ApiError('validation_failed', { errors: { [field || 'body']: [UNSTORABLE_MESSAGE] } });
    return next.handle();
  }
}
