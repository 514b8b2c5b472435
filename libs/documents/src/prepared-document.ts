/** The page formats a fax-ready document is laid out on, in PDF points, portrait. */
export const PAGE_SIZES = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
} as const;
export type PageSize = keyof typeof PAGE_SIZES;
export type PageDimensions = (typeof PAGE_SIZES)[PageSize];

export type SourceContentType = 'application/pdf' | 'image/tiff' | 'image/jpeg' | 'image/png';

export interface CoverPage {
  template: 'standard' | 'hipaa';
  recipientName?: string | null;
  subject?: string | null;
  message?: string | null;
  senderName?: string | null;
  senderCompany?: string | null;
  senderFax?: string | null;
  /** ISO 8601 date or date-time; its calendar date is printed as written. */
  date: string;
}

export interface PrepareDocumentInput {
  bytes: Uint8Array;
  filename?: string | null;
  pageSize: PageSize;
  cover?: CoverPage | null;
  /** Leaves out the upload's first page: a resent fax-ready PDF's old cover, which `cover` replaces. */
  dropFirstPage?: boolean;
}

/** The fax-ready PDF and a description of the upload it was made from. */
export interface PreparedDocument {
  pdf: Uint8Array;
  /** Pages of `pdf`, the cover page included. */
  pages: number;
  sha256: string;
  sizeBytes: number;
  source: {
    contentType: SourceContentType;
    sizeBytes: number;
    sha256: string;
    filename: string | null;
  };
}
