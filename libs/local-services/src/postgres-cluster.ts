import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogTail } from './processes';
import { canWrite, chownTree, type RunAs } from './system-user';

export const PG_USER = 'postgres';
// Local throwaway clusters bound to 127.0.0.1; the password only keeps password auth honest.
export const PG_PASSWORD = 'mintfax';

export function unreachable(dir: string, user: string): Error {
  return new Error(
    `Postgres runs as user '${user}' (root may not run it) and cannot write ${dir}: ` +
      'make its parent directories searchable (chmod o+x) or put the data elsewhere.',
  );
}

/**
 * Runs initdb into a staging directory and renames it into place, so a crash halfway never
 * leaves a directory that looks like a cluster but cannot start.
 */
export async function initialiseCluster(
  initdb: string,
  dataDir: string,
  runAs: RunAs | undefined,
  noSync: boolean,
): Promise<void> {
  const staging = `${dataDir}.initdb-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  const secrets = mkdtempSync(join(tmpdir(), 'mintfax-pw-'));
  const pwfile = join(secrets, 'pw');
  writeFileSync(pwfile, `${PG_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      chownTree(staging, runAs);
      chownTree(secrets, runAs);
      if (!canWrite(staging, runAs)) throw unreachable(staging, runAs.name);
    }
    const args = [
      `--pgdata=${staging}`,
      `--username=${PG_USER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      ...(noSync ? ['--no-sync'] : []),
    ];
    await run(initdb, args, runAs);
    rmSync(dataDir, { recursive: true, force: true }); // empty by the caller's check
    renameSync(staging, dataDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      uid: runAs?.uid,
      gid: runAs?.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    const tail = new LogTail();
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`initdb failed (exit code ${code}):\n${tail}`)),
    );
  });
}
