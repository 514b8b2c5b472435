// The objects the dashboard's API answers with. Fields the page does not depend on are optional:
// the fax object grows (document source, send options) and the page shows whatever is there.

export type EnvironmentType = 'sandbox' | 'live';

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

export interface Session {
  object: 'session';
  user: { id: number; email: string };
  account: { id: string; name: string; activated_at: string | null };
  csrf_token: string;
}

export interface Registered {
  session: Session;
  environment: { id: string; name: string; type: EnvironmentType };
  api_key: string;
  api_key_account: string;
}

export interface CodeSent {
  status: 'code_sent';
  expires_in: number;
}

export interface Pool {
  type: EnvironmentType;
  balance: number;
  held: number;
  available: number;
}

export interface Account {
  id: string;
  name: string;
  activated_at: string | null;
  created_at: string;
  pools: Pool[];
}

export interface Environment {
  id: string;
  name: string;
  type: EnvironmentType;
  retention_days: number;
  zero_footprint: boolean;
  max_attempts: number;
  page_size?: 'letter' | 'a4';
  cover_page?: 'none' | 'standard' | 'hipaa';
  sender?: { name: string | null; company: string | null; fax: string | null };
  created_at: string;
  updated_at?: string;
}

export type KeyKind = 'test' | 'live' | 'account';

export interface ApiKey {
  id: string;
  name: string;
  scope_kind: KeyKind;
  environment_id: string | null;
  last4: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type CreatedKey = ApiKey & { key: string };

export type FaxStatus = 'queued' | 'submitted' | 'in_progress' | 'delivered' | 'failed';

export interface FaxAttempt {
  number: number;
  outcome: string | null;
  failure_code: string | null;
  failure_message: string | null;
  pages_sent?: number;
  started_at: string;
  ended_at: string | null;
}

export interface FaxDocument {
  content_type?: string;
  size_bytes?: number;
  sha256?: string;
  purged_at?: string | null;
  source?: { content_type?: string; size_bytes?: number; filename?: string | null } | null;
}

export interface Fax {
  id: string;
  environment_id: string;
  to: string;
  from?: string | null;
  status: FaxStatus | string;
  pages: number;
  cost: number;
  charged?: number | null;
  attempts?: number;
  max_attempts?: number;
  failure_code?: string | null;
  failure_message?: string | null;
  next_attempt_at?: string | null;
  document?: FaxDocument;
  csid?: string | null;
  page_size?: string | null;
  resolution?: string | null;
  tags?: string[];
  cover_page?: { template?: string; recipient_name?: string | null; subject?: string | null; message?: string | null } | null;
  metadata?: Record<string, string>;
  resend_of?: string | null;
  created_at: string;
  updated_at?: string;
  completed_at?: string | null;
  attempts_log?: FaxAttempt[];
}

export interface EventObject {
  id: string;
  type: string;
  created_at: string;
  environment_id: string;
  data: { object: unknown };
}

export interface FaxDetail {
  fax: Fax;
  events: EventObject[];
}

export interface WebhookEndpoint {
  id: string;
  environment_id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  previous_secret_expires_at: string | null;
  created_at: string;
}

export type WebhookEndpointWithSecret = WebhookEndpoint & { secret: string };

export interface WebhookAttempt {
  id: string;
  event_id: string;
  attempt_number: number;
  status: 'pending' | 'succeeded' | 'failed';
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number | null;
  next_retry_at: string | null;
  created_at: string;
}

export interface WebhookTest {
  event_id: string;
  type: string;
  succeeded: boolean;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number;
}

export interface CreditPackage {
  id: string;
  credits: number;
  amount: number;
  currency: string;
}

export interface Payment {
  id: string;
  checkout_session_id: string | null;
  credits: number;
  amount_total: number | null;
  currency: string | null;
  created_at: string;
}

export interface Billing {
  checkout: 'stripe' | 'local' | 'unavailable';
  packages: CreditPackage[];
  payments: Payment[];
}

export interface CheckoutStatus {
  session_id: string;
  status: 'paid' | 'pending';
  payment: Payment | null;
  live: Pool;
}

export interface LedgerEntry {
  id: string;
  pool: EnvironmentType;
  type: string;
  amount: number;
  balance_after: number;
  available_after: number;
  fax_id: string | null;
  created_at: string;
}
