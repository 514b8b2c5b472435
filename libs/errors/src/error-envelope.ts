import type { ErrorContext } from './api-error';
import { ERROR_CATALOG, errorDocsUrl, type ErrorAction, type ErrorCode } from './error-catalog';

/** The body of every error response (docs/api/errors.md). */
export interface ErrorEnvelope {
  error: ErrorCode;
  message: string;
  action: ErrorAction;
  docs: string;
  request_id: string;
  context?: ErrorContext;
}

export interface ErrorEnvelopeInput {
  code: ErrorCode;
  requestId: string;
  docsBaseUrl: string;
  message?: string;
  context?: ErrorContext;
}

export function buildErrorEnvelope(input: ErrorEnvelopeInput): ErrorEnvelope {
  const entry = ERROR_CATALOG[input.code];
  const envelope: ErrorEnvelope = {
    error: input.code,
    message: input.message ?? entry.message,
    action: entry.action,
    docs: errorDocsUrl(input.docsBaseUrl, input.code),
    request_id: input.requestId,
  };
  // `context` only "when there is more": an empty object would be noise.
  if (input.context && Object.keys(input.context).length > 0) {
    envelope.context = input.context;
  }
  return envelope;
}
