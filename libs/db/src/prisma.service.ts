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
        // Timestamps travel without an offset; a UTC session reads them as they were meant,
        // whatever time zone the server was set up in.
        { connectionString: options.databaseUrl, max: options.poolSize ?? 10, options: '-c TimeZone=UTC' },
        { statementNameGenerator: statementName },
      ),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
