import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { getAccount } from '@mintfax/accounts';
import { PrismaService, type ListPage } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { DOCUMENT_LIMITS } from '@mintfax/documents';
import { listFaxEvents, toEventObject, type EventObject } from '@mintfax/events';
import { FaxesService, listRecentAccountFaxes, parseSubmission, toFaxObject, type FaxObject, type FaxScope } from '@mintfax/faxes';
import { readMultipartBody } from '@mintfax/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { environmentScope } from '../environments/environment-scope';
import { Session, type DashboardSession } from '../session/session.decorators';
import { ListFaxesQuery } from './list-faxes.query';

const RECENT_FAXES = 5;

/** A fax with its status timeline: its events, oldest first. */
export interface FaxDetailObject {
  fax: FaxObject;
  events: EventObject[];
}

/** The faxes of one environment of the signed-in account, through the same FaxesService as the API. */
@Controller('api')
export class FaxesController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly faxes: FaxesService,
  ) {}

  @Get('faxes/recent')
  async recent(@Session() session: DashboardSession): Promise<FaxObject[]> {
    return (await listRecentAccountFaxes(this.prisma, session.accountId, RECENT_FAXES)).map((fax) => toFaxObject(fax));
  }

  @Get('environments/:environmentId/faxes')
  async list(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Query() query: ListFaxesQuery): Promise<ListPage<FaxObject>> {
    return this.faxes.list(await this.scope(session, environmentId), query);
  }

  /**
   * Sends a fax as `POST /v1/faxes` does (multipart): the same parsing, validation, pricing and
   * hold; a live environment only once the account is activated, as live keys are gated.
   */
  @Post('environments/:environmentId/faxes')
  @HttpCode(201)
  async send(
    @Session() session: DashboardSession,
    @Param('environmentId') environmentId: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<FaxObject> {
    const scope = await this.scope(session, environmentId);
    if (scope.environmentType === 'live' && !(await getAccount(this.prisma, session.accountId)).activatedAt) {
      throw new ApiError('account_not_activated');
    }
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
      throw new ApiError('validation_failed', { errors: { 'Idempotency-Key': ['Must be 1 to 255 characters.'] } });
    }
    // Read only now, past the session, CSRF and activation checks: a refused request costs no upload.
    const body = request.isMultipart() ? await readMultipartBody(request, DOCUMENT_LIMITS.uploadBytes) : request.body;
    const submission = parseSubmission(body, request.isMultipart(), scope.environmentType);
    return (await this.faxes.submit(scope, submission, { idempotencyKey })).fax;
  }

  @Get('environments/:environmentId/faxes/:id')
  async get(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Param('id') id: string): Promise<FaxDetailObject> {
    const fax = await this.faxes.get(await this.scope(session, environmentId), id);
    return { fax, events: (await listFaxEvents(this.prisma, fax.id)).map(toEventObject) };
  }

  /** The fax-ready document, shown inline by the page's preview. */
  @Get('environments/:environmentId/faxes/:id/document')
  async document(
    @Session() session: DashboardSession,
    @Param('environmentId') environmentId: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { contentType, bytes } = await this.faxes.image(await this.scope(session, environmentId), id);
    void reply.header('content-type', contentType).header('content-disposition', `inline; filename="${id}"`);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  @Post('environments/:environmentId/faxes/:id/resend')
  @HttpCode(201)
  async resend(
    @Session() session: DashboardSession,
    @Param('environmentId') environmentId: string,
    @Param('id') id: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<FaxObject> {
    return (await this.faxes.resend(await this.scope(session, environmentId), id, idempotencyKey)).fax;
  }

  @Delete('environments/:environmentId/faxes/:id')
  @HttpCode(204)
  async remove(@Session() session: DashboardSession, @Param('environmentId') environmentId: string, @Param('id') id: string): Promise<void> {
    await this.faxes.remove(await this.scope(session, environmentId), id);
  }

  private scope(session: DashboardSession, environmentId: string): Promise<FaxScope> {
    return environmentScope(this.prisma, session.accountId, environmentId);
  }
}
