import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { PrismaService, type Fax, type Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { deleteFax, inspectDocument, sandboxSubmission, submitFax, toFaxObject, type FaxObject } from '@mintfax/faxes';
import { getPool } from '@mintfax/ledger';
import { FaxDispatchQueue } from '@mintfax/queue';
import type { OperationalAuth } from '../auth/auth-context';
import type { ListPage } from '../common/list-query.dto';
import type { ParsedSubmission } from './fax-submission';
import type { ListFaxesQuery } from './list-faxes.query';

@Injectable()
export class FaxesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: FaxDispatchQueue,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async submit(auth: OperationalAuth, submission: ParsedSubmission, resendOfId: string | null = null): Promise<FaxObject> {
    const document = await inspectDocument(submission.file.bytes);
    let pages = document.pages;
    if (auth.environmentType === 'sandbox') {
      const rules = sandboxSubmission(submission.to, pages);
      pages = rules.pages;
      if (rules.reject === 'insufficient_balance') {
        const { available } = await getPool(this.prisma, auth.accountId, 'sandbox');
        throw new ApiError(
          'insufficient_balance',
          { available, required: Math.max(pages * this.config.pricePerPage, available + 1), sandbox_simulation: true },
          'Insufficient balance for this operation (simulated by the sandbox number +15005550006).',
        );
      }
    }
    const environment = await this.prisma.environment.findUniqueOrThrow({
      where: { id: auth.environmentId },
      select: { maxAttempts: true },
    });
    // submitFax is one statement, atomic on its own: no interactive transaction around it.
    const fax = await submitFax(this.prisma, {
      accountId: auth.accountId,
      environmentId: auth.environmentId,
      environmentType: auth.environmentType,
      to: submission.to,
      from: submission.from,
      pages,
      pricePerPage: this.config.pricePerPage,
      maxAttempts: submission.maxAttempts ?? environment.maxAttempts,
      metadata: submission.metadata,
      document: { bytes: submission.file.bytes, contentType: document.contentType, sha256: submission.file.sha256, filename: submission.file.filename },
      resendOfId,
    });
    await this.queue.enqueue(fax.id);
    return fax;
  }

  async list(auth: OperationalAuth, query: ListFaxesQuery): Promise<ListPage<FaxObject>> {
    if (query.starting_after && query.ending_before) {
      throw new ApiError('validation_failed', { errors: { ending_before: ['Use either starting_after or ending_before, not both.'] } });
    }
    const where: Prisma.FaxWhereInput = { environmentId: auth.environmentId, ...(query.status && { status: query.status }) };
    const cursorId = query.starting_after ?? query.ending_before;
    const backwards = Boolean(query.ending_before);
    if (cursorId) {
      const cursor = await this.prisma.fax.findFirst({ where: { id: cursorId, environmentId: auth.environmentId }, select: { id: true, createdAt: true } });
      if (!cursor) {
        throw new ApiError('validation_failed', { errors: { [backwards ? 'ending_before' : 'starting_after']: [`No fax ${cursorId} in this environment.`] } });
      }
      const op = backwards ? 'gt' : 'lt';
      where.OR = [{ createdAt: { [op]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [op]: cursor.id } }];
    }
    const order = backwards ? 'asc' : 'desc';
    const rows = await this.prisma.fax.findMany({ where, orderBy: [{ createdAt: order }, { id: order }], take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    if (backwards) page.reverse();
    return { object: 'list', data: page.map((fax) => toFaxObject(fax)), has_more: rows.length > query.limit };
  }

  async get(auth: OperationalAuth, id: string): Promise<FaxObject> {
    const fax = await this.find(auth, id);
    const attempts = await this.prisma.faxAttempt.findMany({ where: { faxId: fax.id } });
    return toFaxObject(fax, attempts);
  }

  async image(auth: OperationalAuth, id: string): Promise<{ contentType: string; bytes: Uint8Array }> {
    const fax = await this.find(auth, id);
    const document = fax.purgedAt ? null : await this.prisma.faxDocument.findUnique({ where: { faxId: fax.id } });
    if (!document) throw new ApiError('fax_data_purged');
    return { contentType: fax.contentType, bytes: document.content };
  }

  async resend(auth: OperationalAuth, id: string): Promise<FaxObject> {
    const fax = await this.find(auth, id);
    const { bytes } = await this.image(auth, id);
    const metadata = fax.metadata as Record<string, string>;
    return this.submit(
      auth,
      { to: fax.to, from: fax.from, maxAttempts: fax.maxAttempts, metadata, file: { bytes: Buffer.from(bytes), filename: fax.filename, sha256: fax.sha256 } },
      fax.id,
    );
  }

  async remove(auth: OperationalAuth, id: string): Promise<void> {
    const fax = await this.find(auth, id);
    await this.prisma.$transaction((tx) => deleteFax(tx, fax.id));
  }

  /**
   * API.md "Cross-environment reads": another environment of the same account and type → 403;
   * across the sandbox/live wall or another account → 404, so a key learns nothing it may not see.
   */
  private async find(auth: OperationalAuth, id: string): Promise<Fax> {
    const fax = await this.prisma.fax.findUnique({ where: { id } });
    if (!fax || fax.accountId !== auth.accountId || fax.environmentType !== auth.environmentType) {
      throw new ApiError('not_found', undefined, `No fax ${id}.`);
    }
    if (fax.environmentId !== auth.environmentId) throw new ApiError('forbidden', undefined, `Fax ${id} belongs to another environment.`);
    return fax;
  }
}

