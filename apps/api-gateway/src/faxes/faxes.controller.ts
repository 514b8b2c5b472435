import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FaxesService, parseSubmission, type FaxObject, type Submitted } from '@mintfax/faxes';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, type OperationalAuth } from '../auth/auth-context';
import { OperationalRoute } from '../auth/route-surface';
import type { ListPage } from '../common/list-query.dto';
import { FAX_IMAGE_CONTENT, FaxDto, FaxListDto } from './dto/fax.dto';
import { FaxUploadGuard } from './fax-upload.guard';
import { IdempotencyKey } from '../idempotency/idempotency-key';
import { ListFaxesQuery } from './list-faxes.query';

const SUBMISSION_SCHEMA = {
  type: 'object',
  required: ['to', 'file'],
  properties: {
    to: { type: 'string', example: '+15005550001', description: 'E.164; sandbox keys accept only the magic numbers.' },
    from: { type: 'string', nullable: true },
    max_attempts: { type: 'integer', minimum: 1, maximum: 10 },
    metadata: { type: 'object', additionalProperties: { type: 'string' }, description: 'At most 20 string pairs (a JSON string in multipart).' },
    cover_page: {
      description:
        'A cover page as page one, billed like any page: `none`, `standard` or `hipaa` (with `recipient_name`, `subject`, `message` as fields), or the object `{ template, recipient_name, subject, message }` (a JSON string in multipart). Default: the environment\'s `cover_page`. `hipaa` leaves the three texts off the printed page.',
      oneOf: [
        { type: 'string', enum: ['none', 'standard', 'hipaa'] },
        {
          type: 'object',
          required: ['template'],
          properties: {
            template: { type: 'string', enum: ['none', 'standard', 'hipaa'] },
            recipient_name: { type: 'string', maxLength: 100 },
            subject: { type: 'string', maxLength: 200 },
            message: { type: 'string', maxLength: 2000 },
          },
        },
      ],
    },
    recipient_name: { type: 'string', maxLength: 100, description: 'Printed on a `standard` cover page.' },
    subject: { type: 'string', maxLength: 200, description: 'Printed on a `standard` cover page.' },
    message: { type: 'string', maxLength: 2000, description: 'Printed on a `standard` cover page.' },
    csid: { type: 'string', maxLength: 20, description: 'Station id printed in the header line: 1 to 20 printable ASCII characters.' },
    page_size: { type: 'string', enum: ['letter', 'a4'], description: "Page size of the fax-ready PDF. Default: the environment's `page_size`." },
    resolution: { type: 'string', enum: ['standard', 'fine'], default: 'fine' },
    tags: {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 64 },
      maxItems: 10,
      description: 'Filter with `GET /v1/faxes?tag=`. In multipart: the field repeated, or one JSON array string.',
    },
    file: {
      description:
        'PDF, TIFF, JPEG or PNG (decided by content), at most 10 MB, 500 pages: a file part in multipart, { content_base64, filename } in JSON. Normalised to a fax-ready PDF of `page_size` portrait pages.',
      oneOf: [
        { type: 'string', format: 'binary' },
        { type: 'object', properties: { content_base64: { type: 'string' }, filename: { type: 'string' } } },
      ],
    },
  },
};

/** The operational fax routes, under both documented spellings (`/v1/faxes` and `/v1/fax`). */
@ApiTags('faxes')
@OperationalRoute()
@Controller(['v1/faxes', 'v1/fax'])
export class FaxesController {
  constructor(private readonly faxes: FaxesService) {}

  @Post()
  @HttpCode(201)
  @UseGuards(FaxUploadGuard)
  @ApiOperation({ summary: 'Send a fax: holds its cost and queues it.' })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: SUBMISSION_SCHEMA })
  @ApiCreatedResponse({ type: FaxDto })
  async create(
    @Auth() auth: OperationalAuth,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FaxObject> {
    const submission = parseSubmission(request.body, request.isMultipart(), auth.environmentType);
    return answer(reply, await this.faxes.submit(auth, submission, { idempotencyKey }));
  }

  @Get()
  @ApiOperation({ summary: 'List the faxes of the environment, newest first.' })
  @ApiOkResponse({ type: FaxListDto })
  list(@Auth() auth: OperationalAuth, @Query() query: ListFaxesQuery): Promise<ListPage<FaxObject>> {
    return this.faxes.list(auth, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A fax with its attempts log; still answers after its document is purged.' })
  @ApiOkResponse({ type: FaxDto })
  get(@Auth() auth: OperationalAuth, @Param('id') id: string): Promise<FaxObject> {
    return this.faxes.get(auth, id);
  }

  @Get(':id/image')
  @ApiOperation({ summary: 'The document bytes, with their content type.' })
  @ApiOkResponse({ description: 'The document as submitted.', content: FAX_IMAGE_CONTENT })
  async image(@Auth() auth: OperationalAuth, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { contentType, bytes } = await this.faxes.image(auth, id);
    void reply.header('content-type', contentType);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  @Post(':id/resend')
  @HttpCode(201)
  @ApiOperation({ summary: 'A new fax to the same number with the same document, with a new hold.' })
  @ApiCreatedResponse({ type: FaxDto })
  async resend(
    @Auth() auth: OperationalAuth,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FaxObject> {
    return answer(reply, await this.faxes.resend(auth, id, idempotencyKey));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes a delivered or failed fax and its document for good.' })
  @ApiNoContentResponse()
  async remove(@Auth() auth: OperationalAuth, @Param('id') id: string): Promise<void> {
    await this.faxes.remove(auth, id);
  }
}

/** A fax found by its idempotency key is the answer to an earlier run of the request: said so, as any replay. */
function answer(reply: FastifyReply, { fax, replayed }: Submitted): FaxObject {
  if (replayed) void reply.header('idempotent-replayed', 'true');
  return fax;
}
