import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function lookup(name: string): RunAs | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return { uid, gid, name };
  } catch {
    return undefined;
  }
}

/**
 * initdb and postgres refuse to run as root (CI runs as root), so under root they run as an
 * unprivileged `postgres` user, created here when the machine has none. Not root: run as ourselves.
 */
export function postgresRunAs(name = 'postgres'): RunAs | undefined {
  if (!isRoot()) return undefined;
  const existing = lookup(name);
  if (existing) return existing;
  // --system: no home directory, no login; groupadd may fail only because the group already exists.
  spawnSync('groupadd', ['--system', name], { stdio: 'ignore' });
  const created = spawnSync('useradd', ['--system', '--gid', name, '--no-create-home', '--shell', '/usr/sbin/nologin', name], {
    encoding: 'utf8',
  });
  const user = lookup(name);
  if (!user) {
    throw new Error(
      `Postgres cannot run as root and creating a '${name}' user failed (${(created.stderr || String(created.error)).trim()}). ` +
        `Create one yourself: groupadd --system ${name} && useradd --system --gid ${name} ${name}`,
    );
  }
  return user;
}

/** Gives a whole tree to `user` (a cluster copied or created by root would be refused by Postgres). */
export function chownTree(path: string, user: RunAs): void {
  const stat = lstatSync(path);
  if (stat.uid !== user.uid || stat.gid !== user.gid) chownSync(path, user.uid, user.gid);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) chownTree(join(path, entry), user);
  }
}

/** True when `user` can create files in `dir` — which also proves every parent is searchable. */
export function canWrite(dir: string, user: RunAs): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'test -w "$1" && test -x "$1"', 'sh', dir], {
    uid: user.uid,
    gid: user.gid,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** True when `user` can reach entries inside `dir`: every directory on the way is searchable. */
export function canEnter(dir: string, user: RunAs): boolean {
  return spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', dir], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}
