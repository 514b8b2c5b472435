import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiError } from '@mintfax/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicRoute } from '../session/session.decorators';
import { SpaFiles } from './spa-files';

// Scripts and styles only from this origin; no site may frame the dashboard (clickjacking), while
// the page itself frames a fax's document from its own API.
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
} as const;

const JSON_PATHS = /^\/(api|v1)(\/|$|\?)/;

/** Serves the single-page app: hashed assets cached for good, every other page path the same index.html. */
@PublicRoute()
@Controller()
export class SpaController {
  constructor(private readonly files: SpaFiles) {}

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    const file = this.files.asset(name);
    if (!file) throw new ApiError('not_found');
    void reply.headers({ 'content-type': file.contentType, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
    return file.body;
  }

  @Get('*')
  page(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    // JSON paths never answer with the page: an unknown /api route, or a public API path sent to
    // the dashboard by mistake, is a 404 envelope.
    if (JSON_PATHS.test(request.url)) throw new ApiError('not_found');
    void reply.headers({ ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    return this.files.index;
  }
}
