import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertPortFree, freePort } from './ports';
import { LogTail, stopChild } from './processes';
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
  const tail = new LogTail();
  const logFile = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      tail.push(chunk);
      logFile?.write(chunk);
    });
  }

  let stopping = false;
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined);
  child.once('exit', (code, signal) => {
    logFile?.end();
    if (!stopping) options.onUnexpectedExit?.(`redis-server exited (code ${code}, signal ${signal}):\n${tail}`);
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping = true;
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
