import { REDIS_FLAGS } from './embedded-redis';
import type { RunningService } from './types';

// Testcontainers is loaded only when a Docker engine answers: it is heavy, and the embedded
// fallback needs none of it.

export async function startPostgresContainer(options: { database?: string } = {}): Promise<RunningService> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:17-alpine')
    .withDatabase(options.database ?? 'postgres')
    .withUsername('postgres')
    .withPassword('mintfax')
    // Throwaway data: no durability, on tmpfs.
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'])
    .withTmpFs({ '/var/lib/postgresql/data': 'rw' })
    .start();
  return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
}

export async function startRedisContainer(): Promise<RunningService> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('redis:7-alpine')
    .withCommand(['redis-server', ...REDIS_FLAGS])
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .start();
  return {
    url: `redis://${container.getHost()}:${container.getMappedPort(6379)}`,
    stop: async () => void (await container.stop()),
  };
}
