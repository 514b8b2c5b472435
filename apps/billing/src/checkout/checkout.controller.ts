import { Body, Controller, Headers, Post, UseGuards } from '@nestjs/common';
import { Account, AccountKeyGuard, type AccountAuth } from '../auth/account-key.guard';
import { CheckoutService } from './checkout.service';
import { CreateCheckoutSessionDto } from './create-checkout-session.dto';

@Controller('v1/billing')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  /** A Stripe Checkout page buying a credit package for the account's live pool: `{ url, id }`. */
  @Post('checkout-sessions')
  @UseGuards(AccountKeyGuard)
  create(
    @Account() auth: AccountAuth,
    @Body() body: CreateCheckoutSessionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<{ url: string; id: string }> {
    return this.checkout.createSession(auth.accountId, body.package, idempotencyKey);
  }
}
