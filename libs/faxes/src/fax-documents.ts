import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DocumentPool, DocumentPoolBusyError, DocumentRefusedError, type PrepareDocumentInput, type PreparedDocument } from '@mintfax/documents';
import { ApiError } from '@mintfax/errors';

/**
 * The gateway's document workers (docs/architecture.md "Documents"): every upload becomes the
 * fax-ready PDF off the event loop, within the documented limits.
 */
@Injectable()
export class FaxDocuments implements OnModuleDestroy {
  private readonly pool = new DocumentPool();

  /** A refused upload is a 422 on `file`; workers all busy with a long queue, a 429 to retry shortly. */
  async prepare(input: PrepareDocumentInput): Promise<PreparedDocument> {
    try {
      return await this.pool.prepareDocument(input);
    } catch (error) {
      if (error instanceof DocumentRefusedError) throw new ApiError('validation_failed', { errors: { file: [error.message] } });
      if (error instanceof DocumentPoolBusyError) {
        throw new ApiError('rate_limit_exceeded', undefined, { message: 'Too many documents are being prepared right now; retry shortly.', headers: { 'Retry-After': '1' } });
      }
      throw error;
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }
}
