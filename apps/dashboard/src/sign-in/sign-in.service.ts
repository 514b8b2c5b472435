import { Inject, Injectable } from '@nestjs/common';
import {
  completeRegistration,
  completeSignIn,
  endDashboardSession,
  endUserDashboardSessions,
  getAccount,
  mailRegistrationCode,
  mailSignInCode,
  mailStepUpCode,
  normalizeEmail,
  RegistrationLimits,
  startDashboardSession,
  STEP_UP_CODE_TTL_MS,
  VERIFICATION_CODE_TTL_MS,
} from '@mintfax/accounts';
import { APP_CONFIG, type DashboardConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { Mailer } from '@mintfax/mail';
import type { DashboardSession } from '../session/session.decorators';
import type { RegisterDto, VerifyCodeDto } from './dto/sign-in.dto';
import { toSessionObject, type RegisteredObject, type SessionObject } from './session-objects';

export interface CodeSentObject {
  status: 'code_sent';
  /** Seconds the code stays valid. */
  expires_in: number;
}

/** A session just started: the answer for the page, the token for the cookie. */
export interface Started<T> {
  body: T;
  token: string;
}

/** Sign-in, registration and step-up codes: mailed and checked under the registration limits, shared with the gateway. */
@Injectable()
export class SignInService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly mailer: Mailer,
    private readonly limits: RegistrationLimits,
    @Inject(APP_CONFIG) private readonly config: DashboardConfig,
  ) {}

  async requestSignInCode(email: string, ip: string): Promise<CodeSentObject> {
    const address = normalizeEmail(email);
    await this.limits.codeRequested(ip, address);
    await mailSignInCode(this.prisma, this.mailer, address);
    return codeSent(VERIFICATION_CODE_TTL_MS);
  }

  async signIn({ email, code }: VerifyCodeDto, ip: string): Promise<Started<SessionObject>> {
    const address = normalizeEmail(email);
    await this.limits.codeTried(ip, address);
    const { user, token } = await completeSignIn(this.prisma, { email: address, code });
    return { body: toSessionObject(user, await getAccount(this.prisma, user.accountId), token), token };
  }

  async requestRegistrationCode({ name, email }: RegisterDto, ip: string): Promise<CodeSentObject> {
    const address = normalizeEmail(email);
    await this.limits.codeRequested(ip, address);
    await mailRegistrationCode(this.prisma, this.mailer, { name, email: address });
    return codeSent(VERIFICATION_CODE_TTL_MS);
  }

  /** Creates the account exactly as the API's registration does, then signs its user in. */
  async register({ email, code }: VerifyCodeDto, ip: string): Promise<Started<RegisteredObject>> {
    const address = normalizeEmail(email);
    await this.limits.codeTried(ip, address);
    const created = await completeRegistration(this.prisma, { email: address, code, sandboxGrant: this.config.sandboxGrant });
    const { token } = await startDashboardSession(this.prisma, { userId: created.user.id, accountId: created.account.id });
    const account = await getAccount(this.prisma, created.account.id);
    return {
      body: {
        session: toSessionObject(created.user, account, token),
        environment: created.environment,
        api_key: created.apiKey,
        api_key_account: created.apiKeyAccount,
      },
      token,
    };
  }

  async current(session: DashboardSession): Promise<SessionObject> {
    return toSessionObject({ id: session.userId, email: session.email }, await getAccount(this.prisma, session.accountId), session.token);
  }

  async requestStepUpCode(session: DashboardSession, ip: string): Promise<CodeSentObject> {
    await this.limits.codeRequested(ip, session.email);
    await mailStepUpCode(this.prisma, this.mailer, session.email);
    return codeSent(STEP_UP_CODE_TTL_MS);
  }

  signOut(session: DashboardSession): Promise<void> {
    return endDashboardSession(this.prisma, session.sessionId);
  }

  async signOutEverywhere(session: DashboardSession): Promise<{ ended: number }> {
    return { ended: await endUserDashboardSessions(this.prisma, session.userId) };
  }
}

function codeSent(ttlMs: number): CodeSentObject {
  return { status: 'code_sent', expires_in: ttlMs / 1000 };
}
