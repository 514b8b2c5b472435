/** docs/api/errors.md "Error codes": each `action` said in words, for people reading a terminal. */
const ACTION_WORDS: Record<string, string> = {
  fix_request: 'Fix the request (see the message and the docs) and send it again.',
  check_credentials: 'Check the API key: log in again with `mintfax login`, or pass --key.',
  use_account_key: 'This needs an account key (mfx_acct_…).',
  use_operational_key: 'This needs an environment key (mfx_test_… or mfx_live_…): log in with one.',
  use_dashboard: 'Do this in the dashboard.',
  activate_account: 'Activate the account with a first credit purchase, or use the sandbox key.',
  verify_id: 'Check the id: it may belong to another environment, or be mistyped.',
  top_up_balance: 'Top up the balance of this pool, then send again.',
  submit_new_fax: 'The document is gone: send it again as a new fax.',
  wait_for_completion: 'Wait until the fax is delivered or failed, then try again.',
  delete_webhook_endpoint: 'Delete a webhook endpoint you no longer use, then try again.',
  use_new_idempotency_key: 'Use a new Idempotency-Key for a different request.',
  wait_and_retry: 'Wait a moment and try again.',
  retry_or_contact_support: 'Try again; if it keeps failing, contact support with the request id.',
};

export function actionInWords(action: string): string {
  return ACTION_WORDS[action] ?? `Next step: ${action}.`;
}
