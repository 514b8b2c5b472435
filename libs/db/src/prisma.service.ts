import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { DB_OPTIONS, type DbOptions } from './db.options';
import { statementName } from './statement-name';

/** Also bounds a wait for a free pooled connection under load: generous, so only a server gone silent hits it. */
const CONNECT_TIMEOUT_MS = 30_000;

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(DB_OPTIONS) options: DbOptions) {
    super({
      adapter: new PrismaPg(
        // Timestamps travel without an offset; a UTC session reads them as they were meant,
        // whatever time zone the server was set up in. A server that stops answering (rather than
        // refusing) fails a connect after CONNECT_TIMEOUT_MS, and keepalives find dead sockets.
        {
          connectionString: options.databaseUrl,
          max: options.poolSize ?? 10,
          options: '-c TimeZone=UTC',
          connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
          keepAlive: true,
        },
        { statementNameGenerator: statementName },
      ),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
