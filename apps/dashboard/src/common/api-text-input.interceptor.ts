import { Injectable, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { TextInputInterceptor } from '@mintfax/platform';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';

/** The platform's input checks for the JSON API; a page path (`/faxes/env_…/fax_…`) is no id to check. */
@Injectable()
export class ApiTextInputInterceptor extends TextInputInterceptor {
  override intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { url } = context.switchToHttp().getRequest<FastifyRequest>();
    return url.startsWith('/api/') ? super.intercept(context, next) : next.handle();
  }
}
