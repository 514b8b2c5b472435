// `npm run db:migrate`: applies pending migrations to DATABASE_URL (what `prisma migrate deploy` does).
import { applyMigrations } from '@mintfax/db';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required but not set.');
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
}

main().catch((error: Error) => {
  console.error(`migrate: ${error.message}`);
  process.exit(1);
});
