// The one source of every error the API can answer (docs/api/errors.md): envelopes,
// HTTP statuses and the docs pages are all derived from this table.
export const ERROR_CATALOG = {
  validation_failed: {
    status: 422,
    action: 'fix_request',
    message: 'Some fields of the request are invalid; see context.errors for what to fix.',
  },
  invalid_request: {
    status: 400,
    action: 'fix_request',
    message: 'The request could not be read: check the JSON body and the Content-Type header.',
  },
  request_headers_too_large: {
    status: 431,
    action: 'fix_request',
    message: 'The request headers are larger than the server accepts; send fewer or shorter headers.',
  },
  unauthenticated: {
    status: 401,
    action: 'check_credentials',
    message: 'The Authorization header must be "Bearer" followed by a mintfax API key.',
  },
  api_key_missing: {
    status: 401,
    action: 'check_credentials',
    message: 'No API key was sent; add the header "Authorization: Bearer <your key>".',
  },
  api_key_invalid: {
    status: 401,
    action: 'check_credentials',
    message: 'The API key is unknown or has been revoked.',
  },
  forbidden: {
    status: 403,
    action: 'check_credentials',
    message: 'This API key is not allowed to access this resource.',
  },
  key_not_scoped_for_account: {
    status: 403,
    action: 'use_account_key',
    message: 'Account routes need an account key (mfx_acct_…), not an environment key.',
  },
  key_not_scoped_for_operations: {
    status: 403,
    action: 'use_operational_key',
    message: 'This route needs an environment key (mfx_test_… or mfx_live_…), not an account key.',
  },
  acct_key_creation_dashboard_only: {
    status: 403,
    action: 'use_dashboard',
    message: 'Account keys can only be created and revoked in the dashboard.',
  },
  account_not_activated: {
    status: 403,
    action: 'activate_account',
    message: 'Live keys work once the account is activated by its first credit purchase.',
  },
  not_signed_in: {
    status: 401,
    action: 'sign_in',
    message: 'You are not signed in to the dashboard, or your session ended (signed out, 30 minutes idle, or 12 hours old).',
  },
  csrf_check_failed: {
    status: 403,
    action: 'reload_page',
    message: 'This request did not come from a dashboard page of this site: its Origin or CSRF token is missing or wrong.',
  },
  step_up_required: {
    status: 403,
    action: 'confirm_with_emailed_code',
    message: 'Creating or revoking an account key needs a fresh code: ask for one and enter the 6 digits mailed to you.',
  },
  not_found: {
    status: 404,
    action: 'verify_id',
    message: 'The requested resource does not exist.',
  },
  insufficient_balance: {
    status: 402,
    action: 'top_up_balance',
    message: 'Insufficient balance for this operation.',
  },
  fax_data_purged: {
    status: 422,
    action: 'submit_new_fax',
    message: "The fax's document has been purged under the retention policy.",
  },
  fax_not_terminal: {
    status: 409,
    action: 'wait_for_completion',
    message: 'Only a delivered or failed fax can be deleted; this one is still in progress.',
  },
  webhook_endpoint_limit_reached: {
    status: 409,
    action: 'delete_webhook_endpoint',
    message: 'The environment has as many webhook endpoints as it may hold; delete one before adding another.',
  },
  payment_method_required: {
    status: 409,
    action: 'buy_credits_in_dashboard',
    message: 'Auto top-up of the live pool charges the card saved by a credit purchase, and this account has none yet: buy credits in the dashboard first.',
  },
  idempotency_key_reuse: {
    status: 409,
    action: 'use_new_idempotency_key',
    message: 'This Idempotency-Key was already used with a different request.',
  },
  idempotency_key_in_progress: {
    status: 409,
    action: 'wait_and_retry',
    message: 'A request with this Idempotency-Key is still being processed.',
  },
  rate_limit_exceeded: {
    status: 429,
    action: 'wait_and_retry',
    message: 'Too many requests for this API key; retry after the Retry-After delay.',
  },
  internal_server_error: {
    status: 500,
    action: 'retry_or_contact_support',
    message: 'Something went wrong on our side; retry, and contact support if it persists.',
  },
} as const satisfies Record<string, { status: number; action: string; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
export type ErrorAction = (typeof ERROR_CATALOG)[ErrorCode]['action'];

export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];

export function errorDocsSlug(code: ErrorCode): string {
  return code.replace(/_/g, '-');
}

export function errorDocsUrl(docsBaseUrl: string, code: ErrorCode): string {
  return `${docsBaseUrl.replace(/\/+$/, '')}/errors/${errorDocsSlug(code)}`;
}

const CODES_BY_SLUG = new Map(ERROR_CODES.map((code) => [errorDocsSlug(code), code]));

export function errorCodeForSlug(slug: string): ErrorCode | undefined {
  return CODES_BY_SLUG.get(slug);
}
