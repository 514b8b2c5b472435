/** The envelope's `action`, said as what a person at the dashboard should do next. */
const ACTION_WORDS: Record<string, string> = {
  fix_request: 'Correct what the message says and try again.',
  check_credentials: 'Check that you are signed in to the right account.',
  use_account_key: 'Use an account key for this.',
  use_operational_key: 'Use an environment key for this.',
  use_dashboard: 'Do this here, in the dashboard.',
  activate_account: 'Activate Live on the Billing page: your first credit purchase activates the account.',
  verify_id: 'Check the link: the item may have been deleted, or belong to another environment.',
  top_up_balance: 'Buy credits on the Billing page (live) or reset the sandbox balance, then try again.',
  submit_new_fax: 'Send a new fax with the document.',
  wait_for_completion: 'Wait until the fax is delivered or failed, then try again.',
  use_new_idempotency_key: 'Reload the page and send again.',
  wait_and_retry: 'Wait a moment, then try again.',
  buy_credits_in_dashboard: 'Buy credits on the Billing page first.',
  retry_or_contact_support: 'Try again; if it keeps failing, contact support and quote the request id.',
  sign_in: 'Sign in again.',
  reload_page: 'Reload the page, then try again.',
  confirm_with_emailed_code: 'Ask for a confirmation code by email and enter it.',
  check_connection: 'Check your connection and that the dashboard is running, then try again.',
};

export function actionInWords(action: string | undefined): string | undefined {
  if (!action) return undefined;
  return ACTION_WORDS[action] ?? `Next step: ${action.replace(/_/g, ' ')}.`;
}
