// @mintfax/sdk: types generated from the API's OpenAPI document, a thin layer of resources on top.
export { Mintfax } from './mintfax';
export { DEFAULT_BASE_URL, type ApiClient, type ClientOptions } from './transport';
export type { Faxes, FaxDocument, SendFaxParams, WaitForOptions } from './faxes';
export type { Events, FollowOptions } from './events';
export type { CurrentEnvironment } from './environment';
export * from './api-types';
export {
  ApiServerError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  MintfaxError,
  NotFoundError,
  PaymentRequiredError,
  PermissionError,
  RateLimitError,
  WaitTimeoutError,
  type ErrorEnvelope,
} from './errors';
export { webhooks, WebhookVerificationError, type ReceivedHeaders } from './webhooks';
export type { components, paths } from './generated/openapi';
