#!/usr/bin/env node
// `npx mintfax` (the repository's package.json names this file as its bin): runs the CLI that
// `npm run build` compiled into dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../../../dist/apps/cli/src/main.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('mintfax: the CLI is not built yet; run `npm run build` in the repository first.\n');
  process.exit(2);
}
await import(pathToFileURL(built).href);
