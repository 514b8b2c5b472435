export { getAccount, type AccountRow } from './accounts';
export { generateApiKey, hashApiKey, KEY_PREFIX, type NewApiKey } from './api-keys';
export { findApiKeyByHash } from './api-key-lookup';
export {
  authenticateApiKey,
  identifyApiKey,
  identifyPresentedKey,
  presentedApiKey,
  requireActivated,
  type AuthenticatedKey,
  type IdentifiedKey,
  type PresentedKey,
} from './authenticate-api-key';
export {
  claimStripeEvent,
  findPaymentOfSession,
  getCheckoutAccount,
  listPayments,
  recordCheckoutPayment,
  saveCheckoutCustomer,
  type CheckoutPayment,
  type CustomerSaved,
  type PaymentRecorded,
  type PaymentRow,
  type StripeEventRef,
} from './checkout-payments';
export { bootstrapSandboxAccount, type BootstrappedAccount } from './bootstrap-account';
export { createAccount, createApiKey, type NewAccount } from './create-account';
export { findSavedCard, recordTopUpPayment, type SavedCard, type TopUpPayment } from './top-up-payments';
export { checkEnvironmentAccess, type EnvironmentScope } from './environment-access';
export {
  createEnvironment,
  getEnvironment,
  listEnvironments,
  settingsOf,
  toEnvironmentObject,
  updateEnvironment,
  ENVIRONMENT_FIELDS,
  type EnvironmentObject,
  type EnvironmentRow,
  type EnvironmentSettings,
} from './environments';
export {
  environmentTypeOfKind,
  kindOfKey,
  listApiKeys,
  mintAccountKey,
  mintApiKey,
  revokeAccountKey,
  revokeApiKey,
  toApiKeyObject,
  API_KEY_FIELDS,
  type ApiKeyObject,
  type ApiKeyRow,
} from './manage-keys';
export {
  endDashboardSession,
  endUserDashboardSessions,
  pruneDashboardSessions,
  resumeDashboardSession,
  SESSION_IDLE_MS,
  SESSION_MAX_AGE_MS,
  startDashboardSession,
  type DashboardSessionIdentity,
} from './dashboard-sessions';
export { completeSignIn, findUserByEmail, withStepUpCode, type DashboardUser } from './sign-in';
export { completeRegistration, isEmailRegistered } from './registration';
export { mailRegistrationCode, mailSignInCode, mailStepUpCode } from './mailed-codes';
export { REGISTRATION_LIMITS, RegistrationLimits } from './registration-limits';
export {
  checkVerificationCode,
  consumeVerificationCode,
  generateVerificationCode,
  hashVerificationCode,
  invalidVerificationCode,
  issueVerificationCode,
  normalizeEmail,
  pruneVerificationCodes,
  STEP_UP_CODE_TTL_MS,
  VERIFICATION_CODE_TTL_MS,
  VERIFICATION_MAX_WRONG_TRIES,
  type CodeCheck,
} from './verification-codes';
