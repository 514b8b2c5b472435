import { createHash } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

/** A text part. Parts keep the shape @fastify/multipart gives them, which the idempotency fingerprint reads. */
export interface MultipartFieldPart {
  type: 'field';
  fieldname: string;
  value: unknown;
}

/** A file part: its bytes in one buffer (`_buf`, as @fastify/multipart names it) and their SHA-256. */
export interface MultipartFilePart {
  type: 'file';
  fieldname: string;
  filename: string;
  mimetype: string;
  _buf: Buffer;
  sha256: string;
}

export type MultipartPart = MultipartFieldPart | MultipartFilePart;
/** Parts by field name; a name sent more than once holds them all. */
export type MultipartBody = Record<string, MultipartPart | MultipartPart[]>;

/** Where a file of unknown length (a chunked body) starts; it doubles as needed, up to the limit. */
const UNKNOWN_LENGTH_START = 1024 * 1024;

/**
 * Reads the multipart body of a request its route has already let through (authenticated, within
 * its limits): fields as parts, the file of at most `fileLimitBytes` into one buffer sized from
 * Content-Length and hashed while it streams in, so the upload is held once, not as chunks plus
 * their concatenation. Undefined for a body with no parts.
 */
export async function readMultipartBody(request: FastifyRequest, fileLimitBytes: number): Promise<MultipartBody | undefined> {
  const declared = Number(request.headers['content-length']);
  const capacity = Math.min(Number.isSafeInteger(declared) && declared > 0 ? declared : UNKNOWN_LENGTH_START, fileLimitBytes);
  let body: MultipartBody | undefined;
  for await (const part of request.parts({ limits: { fileSize: fileLimitBytes } })) {
    const read: MultipartPart =
      part.type === 'file' ? await readFile(request, part, capacity, fileLimitBytes) : { type: 'field', fieldname: part.fieldname, value: part.value };
    body ??= {};
    const earlier = body[part.fieldname];
    body[part.fieldname] = earlier === undefined ? read : [earlier, read].flat();
  }
  return body;
}

async function readFile(request: FastifyRequest, part: MultipartFile, capacity: number, limit: number): Promise<MultipartFilePart> {
  let bytes = Buffer.allocUnsafe(capacity);
  let length = 0;
  const hash = createHash('sha256');
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    if (length + chunk.length > bytes.length) {
      // Only a body without Content-Length gets here: the file cannot outgrow the body that carries it.
      const grown = Buffer.allocUnsafe(Math.min(Math.max(bytes.length * 2, length + chunk.length), limit));
      bytes.copy(grown, 0, 0, length);
      bytes = grown;
    }
    chunk.copy(bytes, length);
    length += chunk.length;
    hash.update(chunk);
  }
  if (part.file.truncated) throw new request.server.multipartErrors.RequestFileTooLargeError();
  return { type: 'file', fieldname: part.fieldname, filename: part.filename, mimetype: part.mimetype, _buf: bytes.subarray(0, length), sha256: hash.digest('hex') };
}
