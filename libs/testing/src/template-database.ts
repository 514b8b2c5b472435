import { databaseUrl, withClient } from '@mintfax/local-services';

export const TEMPLATE_DATABASE = 'mintfax_template';

/**
 * Builds the migrated template every test database is copied from. It is rebuilt on each run
 * (an external server may hold one from older migrations) and then closed to connections:
 * `CREATE DATABASE … TEMPLATE` fails while anyone is connected to the template.
 */
export async function prepareTemplate(
  adminUrl: string,
  migrate: (url: string) => Promise<string[]>,
  name = TEMPLATE_DATABASE,
): Promise<string[]> {
  await withClient(adminUrl, async (client) => {
    const id = client.escapeIdentifier(name);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) {
      await client.query(`ALTER DATABASE ${id} WITH IS_TEMPLATE false`);
      await client.query(`DROP DATABASE ${id} WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE ${id}`);
  });
  const applied = await migrate(databaseUrl(adminUrl, name));
  await withClient(adminUrl, (client) =>
    client.query(`ALTER DATABASE ${client.escapeIdentifier(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`),
  );
  return applied;
}
