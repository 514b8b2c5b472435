import { createHash } from 'node:crypto';

/**
 * A stable hash of what the client asked for: method, route (its two spellings, `/v1/fax` and
 * `/v1/faxes`, are one), path parameters and body, with object keys sorted and uploaded files
 * (multipart parts or Buffers) reduced to their name and content hash.
 */
export function requestFingerprint(method: string, route: string, params: unknown, body: unknown): string {
  const path = route.split('?')[0]?.replace(/^\/v1\/fax(?=\/|$)/, '/v1/faxes');
  return createHash('sha256').update(`${method} ${path}\n${JSON.stringify(canonical(params ?? {}))}\n${JSON.stringify(canonical(body))}`).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { sha256: createHash('sha256').update(value).digest('hex') };
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const part = value as { type?: unknown; value?: unknown; filename?: unknown; _buf?: unknown };
  if (part.type === 'field' && 'value' in part) return part.value;
  if (part.type === 'file') return { filename: part.filename, content: canonical(part._buf ?? null) };
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}
