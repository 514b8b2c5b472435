import { DynamicModule, Module } from '@nestjs/common';
import { telnyxCallbackKey, type GatewayConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';
import { ErrorDocsModule } from '@mintfax/errors';
import { AccountsModule } from './accounts/accounts.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { BootstrapAccountModule } from './bootstrap-account/bootstrap-account.module';
import { CarrierCallbacksModule } from './carriers/carrier-callbacks.module';
import { EnvironmentsModule } from './environments/environments.module';
import { EventsModule } from './events/events.module';
import { FaxesModule } from './faxes/faxes.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { OpenApiModule } from './openapi/openapi.module';
import { RegistrationModule } from './registration/registration.module';
import { TextInputModule } from './common/text-input.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** Feature modules, one per line. Authentication, key scope and rate limits are global guards (AuthModule). */
const FEATURES = [AccountsModule, ApiKeysModule, EnvironmentsModule, RegistrationModule, OpenApiModule, FaxesModule, EventsModule, WebhooksModule];

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, runtime: AppRuntime): DynamicModule {
    const callbackKey = telnyxCallbackKey(config);
    return {
      module: GatewayModule,
      imports: [
        ...coreModules(config, runtime),
        ErrorDocsModule,
        AuthModule,
        TextInputModule,
        IdempotencyModule,
        ...FEATURES,
        ...(callbackKey ? [CarrierCallbacksModule.register(callbackKey)] : []),
        ...(config.bootstrapSandboxAccount ? [BootstrapAccountModule] : []),
      ],
    };
  }
}
