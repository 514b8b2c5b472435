import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './processes';
import { clearStalePostmaster, clearStaleRedis } from './stale-processes';

const PREFIX = 'mintfax-test-';

/** A fresh directory for one test run's servers, marked with the pid of the run that owns it. */
export function createRunDir(): string {
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  // The unprivileged postgres user (when we are root) must be able to reach the data dir inside.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  return dir;
}

/**
 * Removes what killed runs left in the temp dir (a Postgres cluster is ~40 MB), stopping
 * servers they orphaned. Directories of runs still alive are left alone.
 */
export async function removeStaleRunDirs(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const ownerFile = join(dir, 'owner.pid');
    if (!existsSync(ownerFile)) {
      // Either very old or a run that has just created it and not yet written its pid.
      if (Date.now() - statSync(dir).mtimeMs < 60_000) continue;
    } else if (isAlive(Number(readFileSync(ownerFile, 'utf8')))) {
      continue;
    }
    try {
      await clearStalePostmaster(join(dir, 'postgres'));
      await clearStaleRedis(join(dir, 'redis', 'redis-server.pid'));
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort: a directory we cannot clean now is retried by the next run.
    }
  }
}
