import type { Fax, FaxAttempt } from '@mintfax/db';
import { toCredits } from '@mintfax/ledger';

/** A fax as the API, its events and webhooks show it (docs/api/routes.md "The fax object"). */
export interface FaxObject {
  id: string;
  object: 'fax';
  environment_id: string;
  to: string;
  from: string | null;
  status: Fax['status'];
  pages: number;
  cost: number;
  charged: number | null;
  attempts: number;
  max_attempts: number;
  failure_code: string | null;
  failure_message: string | null;
  next_attempt_at: string | null;
  /** The fax-ready PDF; `source` is the upload as received. */
  document: {
    content_type: string;
    size_bytes: number;
    sha256: string;
    purged_at: string | null;
    source: { content_type: string; size_bytes: number; sha256: string; filename: string | null };
  };
  csid: string | null;
  page_size: Fax['pageSize'];
  resolution: Fax['resolution'];
  tags: string[];
  cover_page: CoverPageObject | null;
  metadata: Record<string, string>;
  resend_of: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  attempts_log?: AttemptObject[];
}

/** A type, not an interface: it is stored as JSON as it is. */
export type CoverPageObject = {
  template: 'standard' | 'hipaa';
  recipient_name: string | null;
  subject: string | null;
  message: string | null;
};

export interface AttemptObject {
  number: number;
  outcome: string | null;
  failure_code: string | null;
  failure_message: string | null;
  pages_sent: number;
  started_at: string;
  ended_at: string | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toFaxObject(fax: Fax, attempts?: FaxAttempt[]): FaxObject {
  return {
    id: fax.id,
    object: 'fax',
    environment_id: fax.environmentId,
    to: fax.to,
    from: fax.from,
    status: fax.status,
    pages: fax.pages,
    cost: toCredits(fax.cost),
    charged: fax.charged === null ? null : toCredits(fax.charged),
    attempts: fax.attempts,
    max_attempts: fax.maxAttempts,
    failure_code: fax.failureCode,
    failure_message: fax.failureMessage,
    next_attempt_at: iso(fax.nextAttemptAt),
    document: {
      content_type: fax.contentType,
      size_bytes: fax.sizeBytes,
      sha256: fax.sha256,
      purged_at: iso(fax.purgedAt),
      source: { content_type: fax.sourceContentType, size_bytes: fax.sourceSizeBytes, sha256: fax.sourceSha256, filename: fax.filename },
    },
    csid: fax.csid,
    page_size: fax.pageSize,
    resolution: fax.resolution,
    tags: fax.tags,
    cover_page: fax.coverPage as CoverPageObject | null,
    metadata: fax.metadata as Record<string, string>,
    resend_of: fax.resendOfId,
    created_at: fax.createdAt.toISOString(),
    updated_at: fax.updatedAt.toISOString(),
    completed_at: iso(fax.completedAt),
    ...(attempts && {
      attempts_log: attempts
        .sort((a, b) => a.number - b.number)
        .map((attempt) => ({
          number: attempt.number,
          outcome: attempt.outcome,
          failure_code: attempt.failureCode,
          failure_message: attempt.failureMessage,
          pages_sent: attempt.pagesSent,
          started_at: attempt.startedAt.toISOString(),
          ended_at: iso(attempt.endedAt),
        })),
    }),
  };
}
