import { ERROR_CATALOG, ERROR_CODES, errorCodeForSlug, errorDocsSlug, errorDocsUrl } from './error-catalog';

// docs/api/errors.md: the contract, copied by hand so the catalog cannot drift from it.
const API_MD_TABLE = [
  ['validation_failed', 422, 'fix_request'],
  ['invalid_request', 400, 'fix_request'],
  ['request_headers_too_large', 431, 'fix_request'],
  ['unauthenticated', 401, 'check_credentials'],
  ['api_key_missing', 401, 'check_credentials'],
  ['api_key_invalid', 401, 'check_credentials'],
  ['forbidden', 403, 'check_credentials'],
  ['key_not_scoped_for_account', 403, 'use_account_key'],
  ['key_not_scoped_for_operations', 403, 'use_operational_key'],
  ['acct_key_creation_dashboard_only', 403, 'use_dashboard'],
  ['account_not_activated', 403, 'activate_account'],
  ['not_signed_in', 401, 'sign_in'],
  ['csrf_check_failed', 403, 'reload_page'],
  ['step_up_required', 403, 'confirm_with_emailed_code'],
  ['not_found', 404, 'verify_id'],
  ['insufficient_balance', 402, 'top_up_balance'],
  ['fax_data_purged', 422, 'submit_new_fax'],
  ['fax_not_terminal', 409, 'wait_for_completion'],
  ['webhook_endpoint_limit_reached', 409, 'delete_webhook_endpoint'],
  ['payment_method_required', 409, 'buy_credits_in_dashboard'],
  ['idempotency_key_reuse', 409, 'use_new_idempotency_key'],
  ['idempotency_key_in_progress', 409, 'wait_and_retry'],
  ['rate_limit_exceeded', 429, 'wait_and_retry'],
  ['internal_server_error', 500, 'retry_or_contact_support'],
] as const;

describe('error catalog', () => {
  it.each(API_MD_TABLE)('lists %s with HTTP %i and action %s as docs/api/errors.md does', (code, status, action) => {
    expect(ERROR_CATALOG[code]).toMatchObject({ status, action });
  });

  it('holds exactly the codes of docs/api/errors.md, no more', () => {
    expect([...ERROR_CODES].sort()).toEqual(API_MD_TABLE.map(([code]) => code).sort());
  });

  it('gives every code a default message that is a full sentence', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_CATALOG[code].message).toMatch(/^[A-Z].{10,}\.$/);
    }
  });

  it('builds docs links from the base url and the code with underscores as dashes', () => {
    expect(errorDocsSlug('insufficient_balance')).toBe('insufficient-balance');
    expect(errorDocsUrl('http://localhost:3000/docs/', 'insufficient_balance')).toBe(
      'http://localhost:3000/docs/errors/insufficient-balance',
    );
  });

  it('finds a code from its docs slug and nothing from an unknown or inherited name', () => {
    expect(errorCodeForSlug('fax-not-terminal')).toBe('fax_not_terminal');
    expect(errorCodeForSlug('fax_not_terminal')).toBeUndefined();
    expect(errorCodeForSlug('constructor')).toBeUndefined();
  });
});
