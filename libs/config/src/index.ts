export * from './app-configs';
export { APP_CONFIG, ConfigModule } from './config.module';
export { creditPackages, type CreditPackage } from './credit-packages';
export { loadConfig, loadConfigOrExit, type ConfigOf, type ConfigSpec } from './load-config';
export { ConfigError } from './parsers';
export { telnyxAccess, telnyxCallbackKey, telnyxSending, type TelnyxAccess, type TelnyxSending } from './carrier-settings';
