import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { sleep } from './processes';

/** One PING over a raw socket: no client library, no reconnect noise while the server boots. */
export function ping(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      // "-LOADING" while the append-only file replays: not ready yet.
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

export async function waitForRedis(port: number, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited during start-up (code ${child.exitCode}, signal ${child.signalCode}):\n${log()}`);
    }
    if (await ping('127.0.0.1', port)) return;
    await sleep(50);
  }
  throw new Error(`redis-server did not answer PING within ${timeoutMs / 1000}s:\n${log()}`);
}
