import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface SpaFile {
  body: Buffer;
  contentType: string;
}

/** The built page and its assets (`vite build` of apps/dashboard/web), read once at start. */
export class SpaFiles {
  readonly index: Buffer;
  private readonly assets = new Map<string, SpaFile>();

  constructor(dir: string) {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) throw new Error(`The dashboard's page is not built (${index} is missing): run npm run build.`);
    this.index = readFileSync(index);
    const assets = join(dir, 'assets');
    for (const name of existsSync(assets) ? readdirSync(assets) : []) {
      const contentType = CONTENT_TYPES[extname(name)];
      if (contentType) this.assets.set(name, { body: readFileSync(join(assets, name)), contentType });
    }
  }

  asset(name: string): SpaFile | undefined {
    return this.assets.get(name);
  }
}
