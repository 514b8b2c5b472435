import { startRedis, type RunningService } from '@mintfax/local-services';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A TCP relay in front of a server the whole test run shares (Postgres), so one test file can take
 * it away from its own apps alone: `cut()` resets every connection and refuses new ones, as a
 * stopped server does; `restore()` serves again on the same port.
 */
export interface CuttableLink {
  /** `url` with its host and port replaced by the relay's. */
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function cuttableLink(url: string): Promise<CuttableLink> {
  const target = new URL(url);
  const targetPort = Number(target.port);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = connect(targetPort, target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        server = next;
        port = (next.address() as { port: number }).port;
        resolve();
      });
    });

  const cut = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.resetAndDestroy();
    await new Promise<void>((resolve) => (closing ? closing.close(() => resolve()) : resolve()));
  };

  await listen();
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(port);
  return {
    url: relayed.toString(),
    cut,
    restore: () => (server ? Promise.resolve() : listen()),
    close: cut,
  };
}

/**
 * A Redis of the calling test's own, which it may stop and start again. `restart({ keepData: false })`
 * is a Redis that comes back empty (no append-only file survived), so every queued job is gone.
 */
export interface DisposableRedis {
  url: string;
  stop(): Promise<void>;
  start(options?: { keepData?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function disposableRedis(): Promise<DisposableRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'mintfax-redis-'));
  let running: (RunningService & { port: number }) | undefined = await startRedis({ dir });
  const port = running.port;
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  return {
    url: running.url,
    stop,
    start: async ({ keepData = true } = {}) => {
      if (running) return;
      if (!keepData) rmSync(join(dir, 'appendonlydir'), { recursive: true, force: true });
      running = await startRedis({ dir, port });
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An HTTP server behind a relay that loses the first answer: the first connection's request
 * reaches `url` in full, and the relay resets that connection as the answer starts coming back,
 * as a flaky network does after the work was done. Later connections pass untouched.
 */
export interface DroppingProxy {
  url: string;
  /** The raw head (request line and headers) of every request relayed, in order. */
  requestHeads: string[];
  close(): Promise<void>;
}

export async function droppingProxy(url: string): Promise<DroppingProxy> {
  const target = new URL(url);
  const requestHeads: string[] = [];
  const sockets = new Set<Socket>();
  let dropped = false;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    const dropThis = !dropped;
    dropped = true;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    let head = '';
    client.on('data', (chunk: Buffer) => {
      if (!head.includes('\r\n\r\n')) {
        head += chunk.toString('latin1');
        if (head.includes('\r\n\r\n')) requestHeads.push(head.slice(0, head.indexOf('\r\n\r\n')));
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => (dropThis ? client.resetAndDestroy() : client.write(chunk)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requestHeads,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
