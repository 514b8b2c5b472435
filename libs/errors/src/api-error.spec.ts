import { ApiError } from './api-error';
import { buildErrorEnvelope } from './error-envelope';

describe('ApiError', () => {
  it('takes its status and default message from the catalog', () => {
    const error = new ApiError('fax_not_terminal', { status: 'queued' });
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/delivered or failed/);
    expect(error.context).toEqual({ status: 'queued' });
  });

  it('accepts a specific message and extra response headers', () => {
    const error = new ApiError('rate_limit_exceeded', undefined, {
      message: 'Slow down.',
      headers: { 'Retry-After': '2' },
    });
    expect(error.message).toBe('Slow down.');
    expect(error.headers).toEqual({ 'Retry-After': '2' });
    expect(new ApiError('api_key_invalid', undefined, 'The key ends with whitespace.').message).toBe(
      'The key ends with whitespace.',
    );
  });
});

describe('buildErrorEnvelope', () => {
  it('builds the documented envelope, with context only when there is some', () => {
    const base = { requestId: 'req_01J9XYZQ8KH7B3R0WXAZP8VW6F', docsBaseUrl: 'https://docs.example' };
    expect(buildErrorEnvelope({ ...base, code: 'insufficient_balance', context: { available: 3, required: 5 } })).toEqual({
      error: 'insufficient_balance',
      message: 'Insufficient balance for this operation.',
      action: 'top_up_balance',
      docs: 'https://docs.example/errors/insufficient-balance',
      request_id: 'req_01J9XYZQ8KH7B3R0WXAZP8VW6F',
      context: { available: 3, required: 5 },
    });
    expect(buildErrorEnvelope({ ...base, code: 'not_found', context: {} })).not.toHaveProperty('context');
  });
});
