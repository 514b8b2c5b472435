import { APP_NODE_FLAGS, LogTail, stopChild } from '@mintfax/local-services';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

export interface SpawnedApp {
  child: ChildProcess;
  /** What the app printed (the last lines), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period: the app's own graceful shutdown. */
  stop(): Promise<void>;
  /** SIGKILL at once: a crash, with no chance to clean up. */
  kill(): Promise<void>;
}

/**
 * Runs an app as its own process from the build the Jest global setup made (`dist/`), as
 * production runs it: a test can then kill it mid-flight, which an in-process app cannot show.
 */
export function spawnApp(app: string, env: Record<string, string>): SpawnedApp {
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, join(root, 'dist', 'apps', app, 'src', 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = new LogTail(60);
  child.stdout?.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
  return {
    child,
    output: () => tail.toString(),
    stop: () => stopChild(child, 'SIGTERM', 15_000),
    kill: () => stopChild(child, 'SIGKILL', 5_000),
  };
}
