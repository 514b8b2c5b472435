import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { RegistrationLimits } from '@mintfax/accounts';
import { stripeClientProvider } from '@mintfax/payments';
import type { DashboardConfig } from '@mintfax/config';
import { MailModule } from '@mintfax/mail';
import { coreModules, type AppRuntime } from '@mintfax/platform';
import { AccountController } from './account/account.controller';
import { AccountService } from './account/account.service';
import { BillingController } from './billing/billing.controller';
import { BillingService } from './billing/billing.service';
import { ApiTextInputInterceptor } from './common/api-text-input.interceptor';
import { EnvironmentsController } from './environments/environments.controller';
import { FaxesModule } from './faxes/faxes.module';
import { KeysController } from './keys/keys.controller';
import { KeysService } from './keys/keys.service';
import { SessionGuard } from './session/session.guard';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInService } from './sign-in/sign-in.service';
import { SpaModule } from './spa/spa.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * The dashboard: its JSON API under /api, every route behind the session guard unless public,
 * and the single-page app for every other path (SpaModule last, so its catch-all comes last).
 */
@Module({})
export class DashboardModule {
  static forRoot(config: DashboardConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: DashboardModule,
      imports: [...coreModules(config, runtime), MailModule, FaxesModule, WebhooksModule, SpaModule],
      controllers: [SignInController, AccountController, EnvironmentsController, KeysController, BillingController],
      providers: [
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_INTERCEPTOR, useClass: ApiTextInputInterceptor },
        RegistrationLimits,
        SignInService,
        AccountService,
        KeysService,
        BillingService,
        stripeClientProvider,
      ],
    };
  }
}
