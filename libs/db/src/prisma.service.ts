import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { DB_OPTIONS, type DbOptions } from './db.options';
import { statementName } from './statement-name';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(DB_OPTIONS) options: DbOptions) {
    super({
      adapter: new PrismaPg(
        { connectionString: options.databaseUrl, max: options.poolSize ?? 10 },
        { statementNameGenerator: statementName },
      ),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
