import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Res } from '@nestjs/common';
import { APP_CONFIG, type DashboardConfig } from '@mintfax/config';
import type { FastifyReply } from 'fastify';
import { clearCookieHeader, sessionCookieFor, setCookieHeader, type SessionCookie } from '../session/session-cookie';
import { OptionalSession, PublicRoute, Session, type DashboardSession } from '../session/session.decorators';
import { EmailDto, RegisterDto, VerifyCodeDto } from './dto/sign-in.dto';
import type { RegisteredObject, SessionObject } from './session-objects';
import { SignInService, type CodeSentObject, type Started } from './sign-in.service';

@Controller('api')
export class SignInController {
  private readonly cookie: SessionCookie;

  constructor(
    private readonly signIn: SignInService,
    @Inject(APP_CONFIG) config: DashboardConfig,
  ) {
    this.cookie = sessionCookieFor(config.publicUrl);
  }

  /** Mails a sign-in code; the same answer whether or not the address has an account. */
  @Post('sign-in')
  @HttpCode(202)
  @PublicRoute()
  requestCode(@Body() body: EmailDto, @Ip() ip: string): Promise<CodeSentObject> {
    return this.signIn.requestSignInCode(body.email, ip);
  }

  @Post('sign-in/verify')
  @HttpCode(200)
  @PublicRoute()
  async verify(@Body() body: VerifyCodeDto, @Ip() ip: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionObject> {
    return this.withCookie(reply, await this.signIn.signIn(body, ip));
  }

  @Post('register')
  @HttpCode(202)
  @PublicRoute()
  requestRegistration(@Body() body: RegisterDto, @Ip() ip: string): Promise<CodeSentObject> {
    return this.signIn.requestRegistrationCode(body, ip);
  }

  @Post('register/verify')
  @HttpCode(201)
  @PublicRoute()
  async register(@Body() body: VerifyCodeDto, @Ip() ip: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<RegisteredObject> {
    return this.withCookie(reply, await this.signIn.register(body, ip));
  }

  /** Who is signed in; 204 when nobody is, so a signed-out page asks without an error. */
  @Get('session')
  @PublicRoute()
  async current(@OptionalSession() session: DashboardSession | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionObject | undefined> {
    if (session) return this.signIn.current(session);
    void reply.status(204);
    return undefined;
  }

  /** Mails a step-up code, valid 5 minutes, that confirms one account-key change. */
  @Post('step-up')
  @HttpCode(202)
  requestStepUp(@Session() session: DashboardSession, @Ip() ip: string): Promise<CodeSentObject> {
    return this.signIn.requestStepUpCode(session, ip);
  }

  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Session() session: DashboardSession, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.signIn.signOut(session);
    void reply.header('set-cookie', clearCookieHeader(this.cookie));
  }

  @Post('sign-out-everywhere')
  @HttpCode(200)
  async signOutEverywhere(@Session() session: DashboardSession, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ ended: number }> {
    const ended = await this.signIn.signOutEverywhere(session);
    void reply.header('set-cookie', clearCookieHeader(this.cookie));
    return ended;
  }

  private withCookie<T>(reply: FastifyReply, { body, token }: Started<T>): T {
    void reply.header('set-cookie', setCookieHeader(this.cookie, token));
    return body;
  }
}
