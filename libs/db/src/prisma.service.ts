import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from './generated/prisma/client';
import { DB_OPTIONS, type DbOptions } from './db.options';
import { statementName } from './statement-name';

/** Also bounds a wait for a free pooled connection under load: generous, so only a server gone silent hits it. */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * The clients themselves, as opposed to the transaction clients Prisma derives from them (which
 * see the same properties): only a statement outside a transaction may bypass Prisma's engine.
 */
const STANDALONE_CLIENTS = new WeakSet<object>();

export function isStandaloneClient(db: object): db is PrismaService {
  return STANDALONE_CLIENTS.has(db);
}

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /** Prisma's own connections, also for the few statements that send bytes directly (see queryRows). */
  readonly pgPool: Pool;

  constructor(@Inject(DB_OPTIONS) options: DbOptions) {
    // Timestamps travel without an offset; a UTC session reads them as they were meant,
    // whatever time zone the server was set up in. A server that stops answering (rather than
    // refusing) fails a connect after CONNECT_TIMEOUT_MS, and keepalives find dead sockets.
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      options: '-c TimeZone=UTC',
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    super({ adapter: new PrismaPg(pool, { statementNameGenerator: statementName, disposeExternalPool: true }) });
    this.pgPool = pool;
    STANDALONE_CLIENTS.add(this);
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
