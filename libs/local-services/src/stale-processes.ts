import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineOf, isAlive, parentPidOf, waitForPidExit } from './processes';

function pidFrom(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Deals with a server an earlier run left behind (the parent crashed or was killed -9):
 * a live process of the expected program is asked to shut down (it still owns the port and
 * the data); a pid file pointing at a dead or unrelated process (pids get reused, notably in
 * containers) is removed, because the server would otherwise refuse to start.
 */
async function clearStale(pidFile: string, program: string, label: string, signal: NodeJS.Signals): Promise<void> {
  const pid = pidFrom(pidFile);
  if (pid === undefined || pid === process.pid) return;
  const commandLine = commandLineOf(pid);
  if (isAlive(pid) && (commandLine === undefined || commandLine.includes(program))) {
    if (commandLine === undefined) return; // no /proc: cannot tell, let the server judge its own pid file
    const parent = parentPidOf(pid);
    const parentLine = parent && parent > 1 ? commandLineOf(parent) : undefined;
    if (parentLine && /(^|\/)node(js)?$/.test(parentLine.split(' ')[0] ?? '')) {
      // Still parented by a live Node process: another dev runner or test run owns it.
      throw new Error(`${label} for this data directory is already running (pid ${pid}, started by pid ${parent}: ${parentLine}).`);
    }
    process.stderr.write(`${label} from an earlier run is still running (pid ${pid}); stopping it first.\n`);
    process.kill(pid, signal);
    if (!(await waitForPidExit(pid, 30_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForPidExit(pid, 5_000);
    }
  }
  rmSync(pidFile, { force: true });
}

export function clearStalePostmaster(dataDir: string): Promise<void> {
  return clearStale(join(dataDir, 'postmaster.pid'), 'postgres', 'A Postgres server', 'SIGINT');
}

export function clearStaleRedis(pidFile: string): Promise<void> {
  return clearStale(pidFile, 'redis-server', 'A redis-server', 'SIGTERM');
}
