import Redis from 'ioredis';
import { Client } from 'pg';
import { cuttableLink, disposableRedis } from './faults';
import { useTestInfrastructure } from './infrastructure-env';

// The fault tests of the apps trust these to behave like the real outages they stand for.
describe('fault injection', () => {
  const infra = useTestInfrastructure();

  it('cuts Postgres connections through the link and serves again after restore', async () => {
    const link = await cuttableLink(infra().databaseUrl);
    const client = new Client({ connectionString: link.url });
    client.on('error', () => undefined);
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows[0].one).toBe(1);

    await link.cut();
    await expect(client.query('SELECT 1')).rejects.toThrow();
    const refused = new Client({ connectionString: link.url });
    await expect(refused.connect()).rejects.toThrow(/ECONNREFUSED/);

    await link.restore();
    const again = new Client({ connectionString: link.url });
    await again.connect();
    expect((await again.query('SELECT 2 AS two')).rows[0].two).toBe(2);
    await again.end();
    await link.close();
  });

  it('restarts a Redis of its own, empty when asked to lose its data', async () => {
    const redis = await disposableRedis();
    const client = new Redis(redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    client.on('error', () => undefined);
    try {
      await client.set('kept', '1');
      await redis.stop();
      await redis.start();
      expect(await client.get('kept')).toBe('1');

      await redis.stop();
      await redis.start({ keepData: false });
      expect(await client.get('kept')).toBeNull();
    } finally {
      client.disconnect();
      await redis.close();
    }
  });
});
