import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { bootstrapSandboxAccount } from '@mintfax/accounts';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { LOGGER, type Logger } from '@mintfax/platform';

/**
 * `BOOTSTRAP_SANDBOX_ACCOUNT` (test deployments, refused in production): before the gateway
 * listens, the account exists and `BOOTSTRAP_KEYS_FILE` holds a sandbox key and an account key
 * for it, readable by the gateway's user only. The log line names the file, never the keys.
 */
@Injectable()
class BootstrapKeysWriter implements OnApplicationBootstrap {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.bootstrapSandboxAccount as string;
    const account = await bootstrapSandboxAccount(this.prisma, { email, sandboxGrant: this.config.sandboxGrant });
    const file = resolve(this.config.bootstrapKeysFile);
    mkdirSync(dirname(file), { recursive: true });
    const keys = { account_id: account.accountId, environment_id: account.environmentId, email, sandbox_key: account.sandboxKey, account_key: account.accountKey };
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    this.logger.info({ accountId: account.accountId, created: account.created, keysFile: file }, 'sandbox account ready');
  }
}

@Module({ providers: [BootstrapKeysWriter] })
export class BootstrapAccountModule {}
