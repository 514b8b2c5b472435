import { HttpException } from '@nestjs/common';
import { ApiError } from './api-error';

/** What the mapping may mention about the request, to say precisely what was wrong with it. */
export interface RequestFacts {
  method: string;
  url: string;
  contentType?: string;
  bodyLimitBytes?: number;
}

export interface MappedException {
  error: ApiError;
  /** A fault on our side: logged with its stack, never described to the client. */
  unexpected: boolean;
}

/** Turns anything thrown while serving a request into the catalog error the client sees. */
export function mapException(exception: unknown, facts: RequestFacts): MappedException {
  if (exception instanceof ApiError) {
    return { error: exception, unexpected: exception.status >= 500 };
  }
  // Nest wraps Fastify's body-parser errors in an HttpException; the cause says what failed.
  const cause = exception instanceof HttpException ? exception.cause : undefined;
  const upload = describeUploadError(cause) ?? describeUploadError(exception);
  if (upload) return expected(new ApiError('validation_failed', { errors: { file: [upload] } }, { cause: exception }));
  const bodyMessage = describeBodyError(cause, facts) ?? describeBodyError(exception, facts);
  if (bodyMessage) {
    return expected(new ApiError('invalid_request', undefined, { message: bodyMessage, cause: exception }));
  }
  if (exception instanceof HttpException) {
    return fromClientStatus(exception.getStatus(), httpExceptionMessage(exception), facts, exception);
  }
  if (isFastifyClientError(exception)) {
    return fromClientStatus(exception.statusCode, exception.message, facts, exception);
  }
  return { error: new ApiError('internal_server_error', undefined, { cause: exception }), unexpected: true };
}

function fromClientStatus(status: number, message: string, facts: RequestFacts, cause: unknown): MappedException {
  switch (status) {
    case 401:
      return expected(new ApiError('unauthenticated', undefined, { cause }));
    case 403:
      return expected(new ApiError('forbidden', undefined, { cause }));
    case 404:
      // Nest's router answers unknown routes with exactly this message.
      return message === `Cannot ${facts.method} ${facts.url}`
        ? expected(new ApiError('not_found', undefined, { message: `No route matches ${facts.method} ${facts.url}.`, cause }))
        : expected(new ApiError('not_found', undefined, { cause }));
    case 429:
      return expected(new ApiError('rate_limit_exceeded', undefined, { cause }));
  }
  if (status >= 400 && status < 500) {
    // 4xx messages from Nest and Fastify describe the request, not our internals.
    return expected(new ApiError('invalid_request', undefined, { message, cause }));
  }
  return { error: new ApiError('internal_server_error', undefined, { cause }), unexpected: true };
}

/** @fastify/multipart's limits: the client sent too much, which is a problem with its `file`. */
function describeUploadError(error: unknown): string | undefined {
  switch ((error as { code?: unknown } | undefined)?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return 'The file is larger than the limit of 10 MB.';
    case 'FST_FILES_LIMIT':
      return 'Send exactly one file.';
    default:
      return undefined;
  }
}

function describeBodyError(error: unknown, facts: RequestFacts): string | undefined {
  if (!(error instanceof Error)) return undefined;
  switch ((error as { code?: unknown }).code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The Content-Type is application/json but the request body is empty.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return facts.contentType
        ? `The content type "${facts.contentType}" is not accepted here; send application/json.`
        : 'The request body has no Content-Type header; send application/json.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return facts.bodyLimitBytes
        ? `The request body is larger than the limit of ${facts.bodyLimitBytes} bytes.`
        : 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The request body does not match its Content-Length header.';
    case JSON_TOO_DEEP:
      return error.message;
  }
  // The multipart parser (busboy) throws plain errors for a missing boundary or a body cut short.
  if (MULTIPART_SYNTAX.test(error.message)) return `The multipart body is malformed: ${error.message}.`;
  // A JSON parser's SyntaxError tagged 400 is about the client's bytes; any other is our bug.
  if (error instanceof SyntaxError && statusOf(error) === 400) {
    return `The request body is not valid JSON: ${error.message}`;
  }
  return undefined;
}

const MULTIPART_SYNTAX = /^Multipart: Boundary not found$|unexpected end of multipart data$/i;

/** The code of the error the platform's JSON parser raises for a body nested past its limit. */
export const JSON_TOO_DEEP = 'MFX_JSON_TOO_DEEP';

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return exception.message;
}

function isFastifyClientError(error: unknown): error is Error & { statusCode: number } {
  if (!(error instanceof Error) || error.name !== 'FastifyError') return false;
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500;
}

function statusOf(error: Error): number | undefined {
  const { statusCode, status } = error as { statusCode?: unknown; status?: unknown };
  const value = statusCode ?? status;
  return typeof value === 'number' ? value : undefined;
}

function expected(error: ApiError): MappedException {
  return { error, unexpected: false };
}
