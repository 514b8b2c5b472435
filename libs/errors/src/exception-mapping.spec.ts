import { BadRequestException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { ApiError } from './api-error';
import { mapException } from './exception-mapping';

const facts = { method: 'GET', url: '/v1/nope' };

describe('mapException', () => {
  it('keeps an ApiError as it is', () => {
    const error = new ApiError('fax_data_purged');
    expect(mapException(error, facts)).toEqual({ error, unexpected: false });
  });

  it('answers an unknown route as not_found naming the route', () => {
    const { error } = mapException(new NotFoundException('Cannot GET /v1/nope'), facts);
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No route matches GET /v1/nope.');
  });

  it('maps other Nest HTTP exceptions to the closest catalog code', () => {
    expect(mapException(new ForbiddenException(), facts).error.code).toBe('forbidden');
    expect(mapException(new HttpException('x', 401), facts).error.code).toBe('unauthenticated');
    expect(mapException(new HttpException('x', 429), facts).error.code).toBe('rate_limit_exceeded');
    const badRequest = mapException(new BadRequestException('Validation failed (numeric string is expected)'), facts);
    expect(badRequest.error.code).toBe('invalid_request');
    expect(badRequest.error.message).toBe('Validation failed (numeric string is expected)');
  });

  it('treats a 5xx HTTP exception, a bare SyntaxError and a plain Error as our own faults', () => {
    for (const thrown of [new HttpException('db down', 503), new SyntaxError('bad'), new Error('boom'), 'a string']) {
      const { error, unexpected } = mapException(thrown, facts);
      expect(error.code).toBe('internal_server_error');
      expect(error.message).not.toMatch(/db down|bad|boom|string/);
      expect(unexpected).toBe(true);
    }
  });

  it('reads a JSON parser SyntaxError tagged 400 as an invalid body', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    expect(mapException(parseError, facts).error.code).toBe('invalid_request');
  });
});
