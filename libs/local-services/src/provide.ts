import { join } from 'node:path';
import { startPostgresContainer, startRedisContainer } from './containers';
import { dockerAnswers } from './docker';
import { startPostgres } from './embedded-postgres';
import { startRedis } from './embedded-redis';
import type { RunningService } from './types';

export interface ProvidedServices {
  /** Admin URL (database `postgres`) of a server the caller may create databases on. */
  postgresUrl: string;
  redisUrl: string;
  /** How each was obtained, for one line of output. */
  description: string;
  stop(): Promise<void>;
}

type Kind = 'containers' | 'embedded';

async function chooseKind(): Promise<Kind> {
  if (!(await dockerAnswers())) return 'embedded';
  try {
    await import('testcontainers');
    return 'containers';
  } catch (error) {
    process.stderr.write(
      `A Docker engine answers but Testcontainers cannot load here (${(error as Error).message.split('\n')[0]}); ` +
        'using embedded Postgres and redis-server instead.\n',
    );
    return 'embedded';
  }
}

/**
 * Postgres and Redis for a test run: the URLs given in TEST_DATABASE_URL / TEST_REDIS_URL,
 * else containers when a Docker engine answers, else embedded servers under `workDir`.
 */
export async function provideServices(workDir: string): Promise<ProvidedServices> {
  const givenPg = process.env.TEST_DATABASE_URL;
  const givenRedis = process.env.TEST_REDIS_URL;
  const kind = givenPg && givenRedis ? undefined : await chooseKind();

  const pending: [Promise<RunningService>, Promise<RunningService>] = [
    givenPg
      ? Promise.resolve(external(givenPg))
      : kind === 'containers'
        ? startPostgresContainer()
        : startPostgres({ dataDir: join(workDir, 'postgres'), ephemeral: true }),
    givenRedis
      ? Promise.resolve(external(givenRedis))
      : kind === 'containers'
        ? startRedisContainer()
        : startRedis({ dir: join(workDir, 'redis') }),
  ];
  const settled = await Promise.allSettled(pending);
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const stop = async (): Promise<void> => void (await Promise.all(started.map((service) => service.stop())));
  if (failure) {
    await stop();
    throw failure.reason;
  }
  const [postgres, redis] = started as [RunningService, RunningService];
  return {
    postgresUrl: postgres.url,
    redisUrl: redis.url,
    description: `Postgres ${givenPg ? 'from TEST_DATABASE_URL' : `(${kind})`}, Redis ${givenRedis ? 'from TEST_REDIS_URL' : `(${kind})`}`,
    stop,
  };
}

function external(url: string): RunningService {
  return { url, stop: async () => undefined };
}
