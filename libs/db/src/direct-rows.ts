import { types } from 'pg';
import type { Prisma } from './generated/prisma/client';
import { isStandaloneClient } from './prisma.service';
import { statementName } from './statement-name';

/** Results read as Prisma reads them: int8 as BigInt. */
const PARSERS = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8 ? (value: string) => BigInt(value) : types.getTypeParser(oid, format ?? 'text'),
};

/**
 * Runs a raw statement and returns its rows. Outside a transaction it goes straight to the pool
 * beneath Prisma, its parameters as they are: a Buffer travels as one binary parameter. Through
 * Prisma's engine a 10 MB document would be turned into base64 inside JSON, several copies of it
 * held at once (docs/architecture.md "Documents"). Named as Prisma names its own, so each connection
 * parses and plans it once.
 */
export async function queryRows<T>(db: Prisma.TransactionClient, statement: Prisma.Sql): Promise<T[]> {
  if (!isStandaloneClient(db)) return db.$queryRaw<T[]>(statement);
  const result = await db.pgPool.query({ name: statementName({ sql: statement.text }), text: statement.text, values: statement.values, types: PARSERS });
  return result.rows as T[];
}
