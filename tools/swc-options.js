// One TypeScript compilation setting for the build and for Jest: decorators with metadata
// (NestJS injection), CommonJS output, `@mintfax/*` aliases from tsconfig.base.json.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

/** `{ '@mintfax/db': 'libs/db/src/index.ts', … }` */
const aliases = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, target]));

function swcOptions({ resolveAliases }) {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
      ...(resolveAliases ? { baseUrl: root, paths: compilerOptions.paths } : {}),
    },
    module: { type: 'commonjs' },
    sourceMaps: resolveAliases ? true : 'inline',
  };
}

module.exports = { root, aliases, swcOptions };
