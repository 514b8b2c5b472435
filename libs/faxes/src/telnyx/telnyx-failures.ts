import { APIConnectionError, APIError } from 'telnyx';
import { FAILURE_MESSAGES, type FailureCode } from '../fax-status';

// Telnyx's `failure_reason` values (its Fax object documents them) by what they mean for us:
// a call that could not be completed now may be retried; a number or a receiver that refuses,
// or a fax Telnyx will not send as configured, fails at once. Unknown reasons count as
// `carrier_error`, which is retried.
const REASONS: Record<string, FailureCode> = {
  user_busy: 'busy',
  receiver_no_answer: 'no_answer',
  receiver_no_response: 'no_answer',
  receiver_recovery_on_timer_expire: 'no_answer',
  fax_initial_communication_timeout: 'no_answer',
  fax_signaling_error: 'line_quality',
  receiver_communication_error: 'line_quality',
  sender_communication_error: 'line_quality',
  invalid_ecm_response_from_receiver: 'line_quality',
  receiver_call_dropped: 'transient',
  sender_call_dropped: 'transient',
  carrier_lost: 'transient',
  service_unavailable: 'transient',
  destination_unreachable: 'transient',
  user_channel_limit_exceeded: 'transient',
  outbound_profile_channel_limit_exceeded: 'transient',
  connection_channel_limit_exceeded: 'transient',
  file_download_failed: 'transient',
  receiver_invalid_number_format: 'invalid_number',
  receiver_unallocated_number: 'invalid_number',
  destination_invalid: 'invalid_number',
  receiver_decline: 'rejected',
  receiver_incompatible_destination: 'rejected',
  sender_canceled: 'rejected',
  destination_not_in_service_plan: 'rejected',
  destination_not_in_countries_whitelist: 'rejected',
  unverified_destination_not_allowed: 'rejected',
  unverified_origination_number: 'rejected',
  account_disabled: 'rejected',
  no_outbound_profile: 'rejected',
  outbound_profile_daily_spend_limit_exceeded: 'rejected',
  file_format_invalid: 'conversion_failed',
  file_size_limit_exceeded: 'conversion_failed',
  page_count_limit_exceeded: 'conversion_failed',
  media_processing_exception: 'conversion_failed',
};

/** A failed fax as Telnyx reported it: our code, and a message that keeps Telnyx's own reason. */
export function failureFromReason(reason: string | null | undefined): { code: FailureCode; message: string } {
  const code = (reason && REASONS[reason]) || 'carrier_error';
  return { code, message: `${FAILURE_MESSAGES[code]} Telnyx reported "${reason || 'no reason'}".` };
}

/**
 * A send Telnyx did not take. Its refusal of the request (a 4xx) fails the fax for good; a rate
 * limit, a timeout, its own fault or an unreachable API is transient: retried on our backoff.
 */
export function sendFailure(error: unknown): { code: FailureCode; message: string } {
  if (error instanceof APIConnectionError) return { code: 'transient', message: `Telnyx could not be reached: ${error.message}` };
  if (!(error instanceof APIError) || error.status === undefined) throw error;
  const status = error.status;
  if (status === 408 || status === 429 || status >= 500) return { code: 'transient', message: `Telnyx could not take the fax now (HTTP ${status}): ${errorDetail(error)}` };
  return { code: 'rejected', message: `Telnyx refused the fax (HTTP ${status}): ${errorDetail(error)}` };
}

/** Telnyx answers errors as `{ errors: [{ code, title, detail }] }`; the first one's words, else the SDK's. */
function errorDetail(error: APIError): string {
  const first = (error.error as { errors?: { title?: unknown; detail?: unknown }[] } | undefined)?.errors?.[0];
  const words = [first?.title, first?.detail].filter((part): part is string => typeof part === 'string' && part !== '');
  return words.length > 0 ? words.join(': ') : error.message;
}
