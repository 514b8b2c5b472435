import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { isRoot } from './system-user';

const HOW_TO_INSTALL =
  'redis-server was not found on the PATH: install Redis 7 (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL.';

function onPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function aptGet(args: string[]): void {
  const result = spawnSync('apt-get', args, {
    encoding: 'utf8',
    // RUNLEVEL=1 keeps the package's init script from starting a system-wide Redis on 6379.
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`apt-get ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
}

/**
 * The redis-server to run: from the PATH, or — only as root on a machine with apt, such as CI,
 * whose image may lack it — installed on the spot. Anyone else gets one line saying what to do.
 */
export function redisServerBinary(): string {
  const found = process.env.REDIS_SERVER_BIN ?? onPath('redis-server');
  if (found) return found;
  if (!isRoot() || !onPath('apt-get')) throw new Error(HOW_TO_INSTALL);
  process.stderr.write('redis-server is not installed; installing it with apt-get (running as root)...\n');
  aptGet(['update', '-qq']);
  aptGet(['install', '-y', '-qq', '--no-install-recommends', 'redis-server']);
  const installed = onPath('redis-server');
  if (!installed) throw new Error(`apt-get installed redis-server but it is still not on the PATH. ${HOW_TO_INSTALL}`);
  return installed;
}
