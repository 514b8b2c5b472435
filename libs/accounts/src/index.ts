export { getAccount, type AccountRow } from './accounts';
export { generateApiKey, hashApiKey, KEY_PREFIX, type NewApiKey } from './api-keys';
export { authenticateApiKey, identifyApiKey, requireActivated, type AuthenticatedKey, type IdentifiedKey } from './authenticate-api-key';
export {
  getCheckoutAccount,
  recordCheckoutPayment,
  saveCheckoutCustomer,
  type CheckoutPayment,
  type CustomerSaved,
  type PaymentRecorded,
  type StripeEventRef,
} from './checkout-payments';
export { bootstrapSandboxAccount, type BootstrappedAccount } from './bootstrap-account';
export { createAccount, createApiKey, type NewAccount } from './create-account';
export { checkEnvironmentAccess, type EnvironmentScope } from './environment-access';
export {
  createEnvironment,
  getEnvironment,
  listEnvironments,
  updateEnvironment,
  ENVIRONMENT_FIELDS,
  type EnvironmentRow,
  type EnvironmentSettings,
} from './environments';
export { environmentTypeOfKind, listApiKeys, mintApiKey, revokeApiKey, API_KEY_FIELDS, type ApiKeyRow } from './manage-keys';
export { completeRegistration, isEmailRegistered } from './registration';
export {
  checkVerificationCode,
  consumeVerificationCode,
  generateVerificationCode,
  hashVerificationCode,
  issueVerificationCode,
  normalizeEmail,
  pruneVerificationCodes,
  VERIFICATION_CODE_TTL_MS,
  VERIFICATION_MAX_WRONG_TRIES,
  type CodeCheck,
} from './verification-codes';
