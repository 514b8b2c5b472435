import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { canEnter, postgresRunAs } from './system-user';

/** Where local clusters go when their checkout is out of the `postgres` user's reach. */
const FALLBACK_ROOT = '/var/lib/mintfax';

/**
 * Where Postgres can keep the cluster meant for `preferred`. Under root it runs as `postgres`, which
 * cannot enter a checkout in root's home or a `mktemp -d`; rather than loosen those directories, the
 * cluster then lives under /var/lib/mintfax, in a folder named after the checkout's path.
 */
export function reachablePostgresDir(preferred: string): { dir: string; moved: boolean } {
  const wanted = resolve(preferred);
  const runAs = postgresRunAs();
  mkdirSync(dirname(wanted), { recursive: true });
  if (!runAs || canEnter(dirname(wanted), runAs)) return { dir: wanted, moved: false };
  const dir = join(FALLBACK_ROOT, createHash('sha256').update(wanted).digest('hex').slice(0, 16), 'postgres');
  mkdirSync(dirname(dir), { recursive: true, mode: 0o755 });
  return { dir, moved: true };
}
