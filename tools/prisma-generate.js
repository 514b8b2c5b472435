// `prisma generate` needs no schema engine, but the CLI tries to download one when none is
// installed; where that download cannot happen, point it at a stub (see docs/operations.md "Migrations").
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const enginesDir = join(root, 'node_modules', '@prisma', 'engines');
const hasEngine =
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ||
  (existsSync(enginesDir) && readdirSync(enginesDir).some((file) => file.startsWith('schema-engine')));

const env = hasEngine
  ? process.env
  : { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: join(root, 'prisma', 'engine-stub', 'schema-engine') };

execFileSync(join(root, 'node_modules', '.bin', 'prisma'), ['generate'], { cwd: root, env, stdio: 'inherit' });
