import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertPortFree, freePort } from './ports';
import { stopChild, superviseServer } from './processes';
import { redisServerBinary } from './redis-binary';
import { waitForRedis } from './redis-ping';
import { clearStaleRedis } from './stale-processes';
import type { RunningService } from './types';

export interface StartRedisOptions {
  /** Working directory: the append-only file and the pid file live here. */
  dir: string;
  /** Defaults to a free port. */
  port?: number;
  /** Server log destination; by default kept in memory and shown only on failure. */
  logFile?: string;
  /** Own process group, so a terminal's Ctrl-C reaches only the parent, which stops us in order. */
  detached?: boolean;
  /** Called if the server dies while nobody asked it to stop. */
  onUnexpectedExit?: (reason: string) => void;
}

/** The settings shipped for production too: queues must never lose or evict jobs. */
export const REDIS_FLAGS = ['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--save', ''];

/** Runs `redis-server` from the PATH (installing it as root when missing). */
export async function startRedis(options: StartRedisOptions): Promise<RunningService & { port: number }> {
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const binary = redisServerBinary();
  const pidFile = join(dir, 'redis-server.pid');
  await clearStaleRedis(pidFile);

  const port = options.port ?? (await freePort());
  if (options.port) await assertPortFree(port, 'redis-server', 'Stop whatever uses it or set REDIS_URL.');

  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...REDIS_FLAGS];
  args.push('--daemonize', 'no', '--pidfile', pidFile, '--logfile', '');
  const child = spawn(binary, args, { detached: options.detached ?? false, stdio: ['ignore', 'pipe', 'pipe'] });
  const { tail, spawnError, expectExit } = superviseServer(child, { name: 'redis-server', logFile: options.logFile, onUnexpectedExit: options.onUnexpectedExit });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    expectExit();
    // SIGTERM makes Redis flush the append-only file before it exits.
    stopped ??= stopChild(child, 'SIGTERM', 10_000);
    return stopped;
  };

  try {
    await Promise.race([spawnError, waitForRedis(port, child, () => tail.toString())]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}
