import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiError } from '../api-error';
import { errorCodeForSlug } from '../error-catalog';
import { renderErrorIndex, renderErrorPage } from './error-docs-page';

const HTML = 'text/html; charset=utf-8';

/** Serves the pages the `docs` links of error envelopes point at. */
@Controller('docs/errors')
export class ErrorDocsController {
  @Get()
  @Header('content-type', HTML)
  index(): string {
    return renderErrorIndex();
  }

  @Get(':slug')
  @Header('content-type', HTML)
  page(@Param('slug') slug: string): string {
    const code = errorCodeForSlug(slug);
    if (!code) throw new ApiError('not_found', { slug });
    return renderErrorPage(code);
  }
}
