import { Module } from '@nestjs/common';
import { AccountKeyGuard } from '../auth/account-key.guard';
import { stripeClientProvider } from '@mintfax/payments';
import { CheckoutController } from './checkout.controller';
import { CheckoutService } from './checkout.service';

@Module({ controllers: [CheckoutController], providers: [CheckoutService, AccountKeyGuard, stripeClientProvider] })
export class CheckoutModule {}
