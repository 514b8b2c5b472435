import { Inject, Injectable } from '@nestjs/common';
import { completeRegistration, mailRegistrationCode, normalizeEmail, RegistrationLimits, VERIFICATION_CODE_TTL_MS } from '@mintfax/accounts';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { Mailer } from '@mintfax/mail';
import type { RegisterDto, RegistrationStartedDto } from './dto/register.dto';
import type { RegistrationDto, VerifyRegistrationDto } from './dto/verify-registration.dto';

const STARTED: RegistrationStartedDto = { status: 'code_sent', expires_in: VERIFICATION_CODE_TTL_MS / 1000 };

@Injectable()
export class RegistrationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly mailer: Mailer,
    private readonly limits: RegistrationLimits,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** One mail either way and the same answer, so the endpoint never tells whether an email is registered. */
  async register({ name, email }: RegisterDto, ip: string): Promise<RegistrationStartedDto> {
    const address = normalizeEmail(email);
    await this.limits.codeRequested(ip, address);
    await mailRegistrationCode(this.prisma, this.mailer, { name, email: address });
    return STARTED;
  }

  async verify({ email, code }: VerifyRegistrationDto, ip: string): Promise<RegistrationDto> {
    const address = normalizeEmail(email);
    await this.limits.codeTried(ip, address);
    const created = await completeRegistration(this.prisma, { email: address, code, sandboxGrant: this.config.sandboxGrant });
    return {
      account: created.account,
      user: created.user,
      environment: created.environment,
      api_key: created.apiKey,
      api_key_account: created.apiKeyAccount,
    };
  }
}
