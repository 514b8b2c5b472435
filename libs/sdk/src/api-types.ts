import type { components, paths } from './generated/openapi';

type Schemas = components['schemas'];

/** A fax as `GET /v1/faxes/{id}` shows it (docs/api/routes.md "The fax object"). */
export type Fax = Schemas['FaxDto'];
export type FaxStatus = Fax['status'];
export type FaxFailureCode = NonNullable<Fax['failure_code']>;
export type FaxAttempt = Schemas['FaxAttemptDto'];
/** An event as `GET /v1/events/{id}` shows it, and as webhooks deliver it. */
export type Event = Schemas['EventDto'];
export type EventType = Event['type'];
/** The key's environment and its settings. */
export type Environment = Schemas['EnvironmentDto'];
export type PoolBalance = Schemas['PoolBalanceDto'];

export type ListFaxesParams = Omit<NonNullable<paths['/v1/faxes']['get']['parameters']['query']>, 'starting_after' | 'ending_before'>;
export type ListEventsParams = Omit<NonNullable<paths['/v1/events']['get']['parameters']['query']>, 'starting_after' | 'ending_before'>;

/** What `POST /v1/faxes` takes besides `to` and the document. */
type SubmissionFields = paths['/v1/faxes']['post']['requestBody']['content']['multipart/form-data'];
export type SendFaxOptions = Omit<SubmissionFields, 'to' | 'file'>;

/** One page of a list (docs/api/README.md "Pagination"). */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

export const TERMINAL_FAX_STATUSES: readonly FaxStatus[] = ['delivered', 'failed'];
