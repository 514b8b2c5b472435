import { Inject, Injectable } from '@nestjs/common';
import { getEnvironment, type EnvironmentRow, type EnvironmentScope } from '@mintfax/accounts';
import { APP_CONFIG } from '@mintfax/config';
import { mapPage, PrismaService, type FaxStatus, type ListPage, type PageQuery } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { getPool } from '@mintfax/ledger';
import { FaxDispatchQueue } from '@mintfax/queue';
import { deleteFax } from './delete-fax';
import { FaxDocuments } from './fax-documents';
import { toFaxObject, type CoverPageObject, type FaxObject } from './fax-object';
import { findFaxForEnvironment, findFaxWithAttempts, getFaxDocument, listFaxes } from './fax-queries';
import type { ParsedSubmission } from './fax-submission';
import { sandboxSubmission } from './sandbox';
import { coverFor, sendOptionsFor } from './send-options';
import { faxSubmittedWithKey, isDuplicateSubmission, submitFax, type DocumentSource } from './submit-fax';

/**
 * The environment a fax is sent from and read in: an environment key's, or the one a dashboard user
 * picked; with its settings when the caller already read them (authentication reads them with the key).
 */
export type FaxScope = EnvironmentScope & { environment?: EnvironmentRow | null };

export type ListFaxesQuery = PageQuery & { status?: FaxStatus; tag?: string };

export interface SubmitOptions {
  resendOfId?: string | null;
  idempotencyKey?: string | null;
  /** A resend: the upload the original fax was made from, and whether its document starts with a cover page. */
  source?: { description: DocumentSource; hadCover: boolean };
}

/** A submitted fax, and whether it is the one an earlier run of the same request submitted. */
export interface Submitted {
  fax: FaxObject;
  replayed: boolean;
}

@Injectable()
export class FaxesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: FaxDispatchQueue,
    private readonly documents: FaxDocuments,
    @Inject(APP_CONFIG) private readonly config: { pricePerPage: number },
  ) {}

  /**
   * Holds the cost and queues the fax. With an idempotency key, a fax an earlier run of the same
   * request already submitted (its answer never stored: the gateway died, Postgres went away) is
   * answered instead, `replayed`, before any work: never a second hold.
   */
  async submit(auth: FaxScope, submission: ParsedSubmission, options: SubmitOptions = {}): Promise<Submitted> {
    const key = options.idempotencyKey;
    const earlier = key ? await faxSubmittedWithKey(this.prisma, auth.environmentId, key) : null;
    if (earlier) return { fax: toFaxObject(earlier), replayed: true };
    try {
      return { fax: await this.submitNew(auth, submission, options), replayed: false };
    } catch (error) {
      const concurrent = key && isDuplicateSubmission(error) ? await faxSubmittedWithKey(this.prisma, auth.environmentId, key) : null;
      if (!concurrent) throw error;
      return { fax: toFaxObject(concurrent), replayed: true };
    }
  }

  private async submitNew(auth: FaxScope, submission: ParsedSubmission, { resendOfId = null, idempotencyKey = null, source }: SubmitOptions): Promise<FaxObject> {
    const environment = auth.environment ?? (await getEnvironment(this.prisma, auth));
    const options = sendOptionsFor(submission, environment);
    const prepared = await this.documents.prepare({
      bytes: submission.file.bytes,
      filename: submission.file.filename,
      pageSize: options.pageSize,
      cover: options.coverPage && coverFor(options.coverPage, environment),
      // A resend's document starts with the old cover page; a fresh one takes its place.
      dropFirstPage: source?.hadCover ?? false,
    });
    let pages = prepared.pages;
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
      document: { bytes: prepared.pdf, contentType: 'application/pdf', sha256: prepared.sha256 },
      source: source?.description ?? prepared.source,
      options,
      resendOfId,
      idempotencyKey,
    });
    await this.queue.enqueue(fax.id);
    return fax;
  }

  async list(auth: FaxScope, query: ListFaxesQuery): Promise<ListPage<FaxObject>> {
    const page = await listFaxes(this.prisma, { environmentId: auth.environmentId, status: query.status, tag: query.tag }, query);
    return mapPage(page, (fax) => toFaxObject(fax));
  }

  async get(auth: FaxScope, id: string): Promise<FaxObject> {
    const { fax, attempts } = await findFaxWithAttempts(this.prisma, auth, id);
    return toFaxObject(fax, attempts);
  }

  async image(auth: FaxScope, id: string): Promise<{ contentType: string; bytes: Uint8Array }> {
    const fax = await findFaxForEnvironment(this.prisma, auth, id);
    const bytes = fax.purgedAt ? null : await getFaxDocument(this.prisma, fax.id);
    if (!bytes) throw new ApiError('fax_data_purged');
    return { contentType: fax.contentType, bytes };
  }

  /** The same document and send options; a cover page is printed afresh (today's date) in place of the old one. */
  async resend(auth: FaxScope, id: string, idempotencyKey?: string): Promise<Submitted> {
    const fax = await findFaxForEnvironment(this.prisma, auth, id);
    const { bytes } = await this.image(auth, id);
    const cover = fax.coverPage as CoverPageObject | null;
    return this.submit(
      auth,
      {
        to: fax.to,
        from: fax.from,
        maxAttempts: fax.maxAttempts,
        metadata: fax.metadata as Record<string, string>,
        options: {
          pageSize: fax.pageSize,
          resolution: fax.resolution,
          csid: fax.csid,
          tags: fax.tags,
          cover: { template: cover?.template ?? 'none', recipientName: cover?.recipient_name ?? null, subject: cover?.subject ?? null, message: cover?.message ?? null },
        },
        file: { bytes: Buffer.from(bytes), filename: fax.filename, sha256: fax.sha256 },
      },
      {
        resendOfId: fax.id,
        idempotencyKey,
        source: {
          hadCover: cover !== null,
          description: { contentType: fax.sourceContentType, sizeBytes: fax.sourceSizeBytes, sha256: fax.sourceSha256, filename: fax.filename },
        },
      },
    );
  }

  async remove(auth: FaxScope, id: string): Promise<void> {
    const fax = await findFaxForEnvironment(this.prisma, auth, id);
    await this.prisma.$transaction((tx) => deleteFax(tx, fax.id));
  }
}
