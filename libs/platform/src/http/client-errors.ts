import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { buildErrorEnvelope, ERROR_CATALOG, type ErrorCode } from '@mintfax/errors';
import type { Logger as PinoLogger } from 'pino';
import { ulid } from '@mintfax/db';

/** What Node's HTTP parser reports about a request it refused. */
export interface ClientError extends Error {
  code?: string;
}

/** Node's HTTP server keeps the response in flight on its socket here. */
type ServerSocket = Socket & { _httpMessage?: { headersSent?: boolean } };

function describe(error: ClientError): { code: ErrorCode; message?: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'request_headers_too_large', message: `The request headers are larger than ${maxHeaderSize} bytes in all; send fewer or shorter headers.` };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'invalid_request', message: 'The request headers did not arrive in time.' };
    default:
      return { code: 'invalid_request', message: 'The request is not valid HTTP/1.1: check its request line and headers.' };
  }
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (headers too large, a
 * malformed request line) never reaches a hook or Nest, yet its answer is the catalog envelope
 * with an `X-Request-Id`, like every other. The connection is closed after it, as Node does.
 */
export function answerClientError(docsBaseUrl: string, logger: PinoLogger) {
  return (error: ClientError, socket: ServerSocket): void => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const requestId = `req_${ulid()}`;
    const { code, message } = describe(error);
    const status = ERROR_CATALOG[code].status;
    logger.info({ request_id: requestId, status, parser_error: error.code }, 'request refused by the HTTP parser');
    // An answer already under way on this connection would be corrupted by a second one.
    if (socket.writable && !socket._httpMessage?.headersSent) {
      const body = JSON.stringify(buildErrorEnvelope({ code, message, requestId, docsBaseUrl }));
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}
