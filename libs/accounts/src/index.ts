export { generateApiKey, hashApiKey, KEY_PREFIX, KEY_SHAPE, type NewApiKey } from './api-keys';
export { findApiKeyByHash, lastUsedIsStale, touchApiKey, LAST_USED_PRECISION_MS, type ApiKeyIdentity } from './api-key-lookup';
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
export { completeRegistration } from './registration';
export {
  checkVerificationCode,
  consumeVerificationCode,
  generateVerificationCode,
  hashVerificationCode,
  issueVerificationCode,
  normalizeEmail,
  VERIFICATION_CODE_TTL_MS,
  VERIFICATION_MAX_WRONG_TRIES,
  type CodeCheck,
} from './verification-codes';
