export { generateApiKey, hashApiKey, KEY_PREFIX, KEY_SHAPE, type NewApiKey } from './api-keys';
export { createAccount, createApiKey, createEnvironment, type NewAccount } from './create-account';
