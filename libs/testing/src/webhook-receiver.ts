import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** What a path answers to its n-th request (1-based): a status, or `hold` to keep the request open. */
export type Behaviour = (n: number) => number | 'hold';

/** A real HTTP webhook receiver on a free local port, recording every request. */
export class Receiver {
  readonly deliveries: Delivery[] = [];
  readonly held: { req: IncomingMessage; res: ServerResponse }[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly counts = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new Receiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => receiver.handle(req, res));
    return receiver;
  }

  /** Sets how `path` answers; unset paths answer 200. */
  on(path: string, behaviour: Behaviour): string {
    this.behaviours.set(path, behaviour);
    return this.base + path;
  }

  at(path: string): Delivery[] {
    return this.deliveries.filter((delivery) => delivery.path === path);
  }

  async close(): Promise<void> {
    for (const { res } of this.held.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const n = (this.counts.get(path) ?? 0) + 1;
      this.counts.set(path, n);
      const answer = (this.behaviours.get(path) ?? (() => 200))(n);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      this.deliveries.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
      if (answer === 'hold') {
        this.held.push({ req, res });
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? `answered ${answer}` : 'ok');
    });
  }
}
