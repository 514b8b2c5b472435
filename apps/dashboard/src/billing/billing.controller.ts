import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Session, type DashboardSession } from '../session/session.decorators';
import { BillingService, type BillingObject, type CheckoutStatusObject } from './billing.service';

class PackageDto {
  /** The id of one of the configured CREDIT_PACKAGES. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  package!: string;
}

@Controller('api/billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get()
  overview(@Session() session: DashboardSession): Promise<BillingObject> {
    return this.billing.overview(session.accountId);
  }

  /** Activate Live and Buy credits alike: a package for the live pool; the first purchase activates. */
  @Post('checkout')
  @HttpCode(200)
  checkout(@Session() session: DashboardSession, @Body() body: PackageDto): Promise<{ url: string }> {
    return this.billing.startCheckout(session.accountId, body.package);
  }

  @Post('local-checkout')
  @HttpCode(200)
  localCheckout(@Session() session: DashboardSession, @Body() body: PackageDto): Promise<{ session_id: string }> {
    return this.billing.completeLocalCheckout(session.accountId, body.package);
  }

  @Get('sessions/:id')
  status(@Session() session: DashboardSession, @Param('id') id: string): Promise<CheckoutStatusObject> {
    return this.billing.checkoutStatus(session.accountId, id);
  }
}
