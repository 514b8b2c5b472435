// Compiles apps/, libs/ and tools/ to dist/ with swc (tests excluded): `node dist/apps/<app>/src/main.js`;
// then builds the dashboard's page with Vite into dist/apps/dashboard/web, which the dashboard serves.
const { transformFile } = require('@swc/core');
const { mkdirSync, readdirSync, writeFileSync } = require('node:fs');
const { basename, dirname, join, relative } = require('node:path');
const { root, swcOptions } = require('./swc-options');

const SOURCES = ['apps', 'libs', 'tools'];
/** Browser code, built by Vite with its own config, not by swc. */
const DASHBOARD_PAGE = join(root, 'apps', 'dashboard', 'web');
const isSource = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(e2e-)?spec\.ts$/.test(file);

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test' && path !== DASHBOARD_PAGE) yield* walk(path);
    } else if (isSource(path)) yield path;
  }
}

async function build() {
  const started = Date.now();
  const files = SOURCES.flatMap((dir) => [...walk(join(root, dir))]);
  const options = swcOptions({ resolveAliases: true });
  await Promise.all(
    files.map(async (file) => {
      const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
      const { code, map } = await transformFile(file, { ...options, filename: file, outputPath: out });
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, map ? `${code}\n//# sourceMappingURL=${basename(out)}.map\n` : code);
      if (map) writeFileSync(`${out}.map`, map);
    }),
  );
  // Vite is published as ES modules only.
  const { build: buildPage } = await import('vite');
  await buildPage({ configFile: join(DASHBOARD_PAGE, 'vite.config.mjs') });
  console.log(`built ${files.length} files and the dashboard's page into dist/ in ${Date.now() - started} ms`);
}

build().catch((error) => {
  console.error(error);
  process.exit(1);
});
