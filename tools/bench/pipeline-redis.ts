// What bench:pipeline reads from its Redis and Postgres besides the faxes: memory in use, and the
// commands and transactions a run cost (`--trips`), to put a count of round trips beside the times.
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { Cleanup, Stores } from './support';

/** Idle backends report their statistics after 10 s (PGSTAT_IDLE_INTERVAL); 11 s makes sure. */
const STATS_FLUSH_MS = 11_000;

export function redisClient(stores: Stores, cleanups: Cleanup[]): Redis {
  const redis = new Redis(stores.redisUrl);
  cleanups.push(async () => void redis.disconnect());
  return redis;
}

function infoField(info: string, field: string): number {
  return Number(new RegExp(`^${field}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
}

/** Redis `used_memory` in bytes, and its keys. */
export async function redisMemory(redis: Redis): Promise<{ usedMemory: number; keys: number }> {
  return { usedMemory: infoField(await redis.info('memory'), 'used_memory'), keys: await redis.dbsize() };
}

async function commandCounts(redis: Redis): Promise<Map<string, number>> {
  const stats = await redis.info('commandstats');
  return new Map([...stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map(([, name, calls]) => [name, Number(calls)]));
}

async function committed(pg: Pool): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, STATS_FLUSH_MS));
  const { rows } = await pg.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0].n);
}

/**
 * Per fax, what `run` cost: Postgres transactions (one per statement outside a transaction), less
 * the `polls` the benchmark itself sent, and Redis commands by name (a script's own calls included).
 */
export async function countTrips(pg: Pool, redis: Redis, faxes: number, run: () => Promise<{ polls: number }>): Promise<string> {
  const [xactBefore, commandsBefore] = [await committed(pg), await commandCounts(redis)];
  const { polls } = await run();
  const commandsAfter = await commandCounts(redis);
  const statements = (await committed(pg)) - xactBefore - polls - 1;
  const perFax = (n: number) => (n / faxes).toFixed(2);
  const commands = [...commandsAfter]
    .map(([name, calls]) => [name, calls - (commandsBefore.get(name) ?? 0)] as const)
    .filter(([name, calls]) => calls > 0 && name !== 'info')
    .sort((a, b) => b[1] - a[1]);
  const total = commands.reduce((sum, [, calls]) => sum + calls, 0);
  return [
    `per fax: ${perFax(statements)} Postgres transactions, ${perFax(total)} Redis commands (scripts' calls included):`,
    `  ${commands.map(([name, calls]) => `${name} ${perFax(calls)}`).join(', ')}`,
  ].join('\n');
}
