import type { ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a running process, or undefined where /proc is not available. */
export function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** The parent pid of a running process, from /proc; undefined elsewhere. */
export function parentPidOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may contain spaces; fields after it are fixed.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves true when the child has exited within `ms`, false otherwise. */
export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** For processes we did not spawn (left over from a crashed run): poll until gone. */
export async function waitForPidExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/**
 * Sends `signal`, then escalates through `escalation` (each after `graceMs`) until the child is gone.
 * Never rejects: stopping is always best effort and must not mask the error that led to it.
 */
export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals,
  graceMs: number,
  escalation: NodeJS.Signals[] = ['SIGKILL'],
): Promise<void> {
  for (const next of [signal, ...escalation]) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      child.kill(next);
    } catch {
      return;
    }
    if (await waitForExit(child, graceMs)) return;
  }
}

/** Keeps the last lines a server printed, to show them when it fails. */
export class LogTail {
  private readonly lines: string[] = [];

  constructor(private readonly max = 40) {}

  push(chunk: string): string[] {
    const lines = chunk.split(/\r?\n/).filter((line) => line.trim() !== '');
    this.lines.push(...lines);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
    return lines;
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

/**
 * Watches a server we spawned: its output goes to a LogTail (shown when it fails) and to
 * `logFile` if given; `exited` fires only for an exit nobody asked for (see `expectExit`).
 * `spawnError` rejects if the program could not be started at all.
 */
export function superviseServer(
  child: ChildProcess,
  { name, logFile, onUnexpectedExit }: { name: string; logFile?: string; onUnexpectedExit?: (reason: string) => void },
): { tail: LogTail; spawnError: Promise<never>; expectExit(): void } {
  const tail = new LogTail();
  const file = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      tail.push(chunk);
      file?.write(chunk);
    });
  }
  let expected = false;
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined);
  child.once('exit', (code, signal) => {
    file?.end();
    if (!expected) onUnexpectedExit?.(`${name} exited (code ${code}, signal ${signal}):\n${tail}`);
  });
  return { tail, spawnError, expectExit: () => void (expected = true) };
}

/**
 * The V8 flags every app runs with, as the Dockerfile's NODE_OPTIONS sets them: a young generation
 * of 32 MB per semi-space, so the short-lived objects of a request die there instead of being
 * promoted and collected by the (concurrent, CPU-hungry) old-generation collector.
 */
export const APP_NODE_FLAGS = ['--max-semi-space-size=32'];
