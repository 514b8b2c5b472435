import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PublicRoute } from '../auth/route-surface';
import { TelnyxWebhookService } from './telnyx-webhook.service';

/**
 * Telnyx's status callbacks: no key, the Ed25519 signature instead. Telnyx retries any answer
 * but a 2xx, so only a callback that is not Telnyx's (unsigned, forged, stale) gets a 4xx.
 * Telnyx's, not the API's: left out of the OpenAPI document.
 */
@ApiExcludeController()
@PublicRoute()
@Controller('v1/carriers/telnyx')
export class TelnyxWebhookController {
  constructor(private readonly callbacks: TelnyxWebhookService) {}

  @Post('webhook')
  @HttpCode(200)
  receive(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('telnyx-signature-ed25519') signature: string | string[] | undefined,
    @Headers('telnyx-timestamp') timestamp: string | string[] | undefined,
  ): Promise<{ received: true; outcome: string }> {
    return this.callbacks.receive(request.rawBody, request.body, { signature, timestamp });
  }
}
