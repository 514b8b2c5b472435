import { Injectable } from '@nestjs/common';
import {
  kindOfKey,
  listApiKeys,
  mintAccountKey,
  mintApiKey,
  RegistrationLimits,
  revokeAccountKey,
  revokeApiKey,
  toApiKeyObject,
  withStepUpCode,
  type ApiKeyObject,
} from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import type { DashboardSession } from '../session/session.decorators';
import type { CreateKeyDto } from './key.dto';

/** A key with its plain text, shown this once. */
export type CreatedKeyObject = ApiKeyObject & { key: string };

@Injectable()
export class KeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly limits: RegistrationLimits,
  ) {}

  async list(accountId: string): Promise<ApiKeyObject[]> {
    return (await listApiKeys(this.prisma, accountId)).map(toApiKeyObject);
  }

  /** The API's own rules: a test key needs a sandbox environment, a live key a live one. */
  async create(accountId: string, body: CreateKeyDto): Promise<CreatedKeyObject> {
    const { secret, ...row } = await mintApiKey(this.prisma, { accountId, name: body.name, kind: body.scope_kind, environmentId: body.environment_id });
    return { ...toApiKeyObject(row), key: secret };
  }

  async createAccountKey(session: DashboardSession, name: string, code: string | undefined, ip: string): Promise<CreatedKeyObject> {
    const { secret, ...row } = await this.stepUp(session, code, ip, (tx) => mintAccountKey(tx, { accountId: session.accountId, name }));
    return { ...toApiKeyObject(row), key: secret };
  }

  /** Environment keys go at once; an account key only with a step-up code. */
  async revoke(session: DashboardSession, keyId: string, code: string | undefined, ip: string): Promise<void> {
    const { accountId } = session;
    if ((await kindOfKey(this.prisma, accountId, keyId)) !== 'account') return revokeApiKey(this.prisma, { accountId, keyId });
    await this.stepUp(session, code, ip, (tx) => revokeAccountKey(tx, { accountId, keyId }));
  }

  private async stepUp<T>(session: DashboardSession, code: string | undefined, ip: string, change: Parameters<typeof withStepUpCode<T>>[2]): Promise<T> {
    if (!code) throw new ApiError('step_up_required');
    // A step-up code is guessed against the same per-email limit as any mailed code.
    await this.limits.codeTried(ip, session.email);
    return withStepUpCode(this.prisma, { email: session.email, code }, change);
  }
}
