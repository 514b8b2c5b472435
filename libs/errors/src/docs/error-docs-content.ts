import type { ErrorAction, ErrorCode } from '../error-catalog';

// Exhaustive over the catalog's actions: a new action without advice fails to compile.
export const ACTION_ADVICE: Record<ErrorAction, string> = {
  fix_request: 'Correct the request as the message and context describe, then send it again.',
  check_credentials:
    'Send a valid, unrevoked API key as "Authorization: Bearer <key>", without surrounding whitespace, and check that it may reach this resource.',
  use_account_key: 'Call /v1/account routes with an account key (mfx_acct_…).',
  use_operational_key: 'Call operational routes with the environment key (mfx_test_… or mfx_live_…) of the environment you mean.',
  use_dashboard: 'Create or revoke account keys in the mintfax dashboard.',
  activate_account: 'Buy credits for the live pool once; the account is activated when the payment completes. Sandbox keys work meanwhile.',
  sign_in: 'Sign in to the dashboard again with a code mailed to your address.',
  reload_page: 'Reload the dashboard page and repeat the action from it; requests made by other sites are refused.',
  confirm_with_emailed_code: 'Ask the dashboard for a confirmation code, then repeat the action with the 6-digit code from the mail within 5 minutes.',
  verify_id: 'Check the path and the id, and that the key belongs to the environment that owns the resource.',
  top_up_balance: 'Buy more credits, or wait for held credits to be released, then retry.',
  submit_new_fax: 'The document is gone for good; submit a new fax with the document.',
  wait_for_completion: 'Wait until the fax is delivered or failed (watch its events or webhooks), then retry.',
  use_new_idempotency_key: 'Send a different request with a new Idempotency-Key; reuse a key only to retry the identical request.',
  delete_webhook_endpoint: 'Delete an endpoint the environment no longer needs (DELETE /v1/webhooks/{id}), then add the new one.',
  buy_credits_in_dashboard:
    'Buy credits for the live pool once in the mintfax dashboard: Checkout saves the card, and auto top-up can then charge it. Sandbox auto top-up needs no card.',
  wait_and_retry: 'Wait, then send the same request again; honour the Retry-After header when there is one.',
  retry_or_contact_support: 'Retry the request; if it keeps failing, contact support with the request_id.',
};

// What `context` (or a header) carries beyond the envelope's fixed fields (docs/api/errors.md).
export const CODE_DETAILS: Partial<Record<ErrorCode, string>> = {
  validation_failed:
    'context.errors maps each invalid field to its messages; nested fields are dotted, e.g. file.content_base64.',
  invalid_request:
    'Sent for malformed JSON, an unsupported Content-Type, a body that cannot be read or is too large, or HTTP the server cannot parse.',
  request_headers_too_large: 'The headers of one request may total 16 KB; a cookie or a header sent many times is the usual cause.',
  webhook_endpoint_limit_reached: 'context.limit is the number of endpoints an environment may hold.',
  insufficient_balance: 'context.available and context.required give the credits available and needed.',
  fax_not_terminal: "context.status is the fax's current status.",
  idempotency_key_reuse: 'The same Idempotency-Key arrived with a different request.',
  idempotency_key_in_progress: 'The first request with this Idempotency-Key is still running; Retry-After says when to try again (15 seconds at most).',
  rate_limit_exceeded:
    'Sent for too many requests of one key, too many failed authentications from one address, or too many uploads of one account at once. The Retry-After header says how many seconds to wait.',
  internal_server_error: 'The response never contains internal details; the request_id lets support find the logs.',
};
