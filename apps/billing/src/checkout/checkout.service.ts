import { Inject, Injectable } from '@nestjs/common';
import { createCheckoutSession, STRIPE_CLIENT, type StripeClient } from '@mintfax/payments';
import { APP_CONFIG, type BillingConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';

@Injectable()
export class CheckoutService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BillingConfig,
    @Inject(STRIPE_CLIENT) private readonly stripe: StripeClient,
    private readonly prisma: PrismaService,
  ) {}

  createSession(accountId: string, packageId: string, idempotencyKey: string | undefined): Promise<{ url: string; id: string }> {
    return createCheckoutSession(this.stripe, this.prisma, {
      accountId,
      packageId,
      packages: this.config.creditPackages,
      urls: this.config,
      idempotencyKey,
    });
  }
}
