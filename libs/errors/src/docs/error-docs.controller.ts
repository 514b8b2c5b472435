import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiError } from '../api-error';
import { errorCodeForSlug } from '../error-catalog';
import { renderErrorIndex, renderErrorPage } from './error-docs-page';

const HTML = 'text/html; charset=utf-8';
const HTML_PAGE = { content: { 'text/html': { schema: { type: 'string' } } } } as const;

/** Serves the pages the `docs` links of error envelopes point at. */
@Controller('docs/errors')
export class ErrorDocsController {
  @Get()
  @Header('content-type', HTML)
  @ApiOkResponse(HTML_PAGE)
  index(): string {
    return renderErrorIndex();
  }

  @Get(':slug')
  @Header('content-type', HTML)
  @ApiOkResponse(HTML_PAGE)
  page(@Param('slug') slug: string): string {
    const code = errorCodeForSlug(slug);
    if (!code) throw new ApiError('not_found', { slug });
    return renderErrorPage(code);
  }
}
