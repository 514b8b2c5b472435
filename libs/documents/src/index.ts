export { DOCUMENT_LIMITS } from './document-limits';
export { DocumentPool, type DocumentPoolOptions } from './document-pool';
export { DocumentPoolBusyError, DocumentRefusedError, REFUSAL_REASONS, type RefusalReason } from './document-refusal';
export { PAGE_SIZES, type CoverPage, type PageSize, type PrepareDocumentInput, type PreparedDocument, type SourceContentType } from './prepared-document';
