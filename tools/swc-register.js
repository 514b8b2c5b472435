// Lets a worker thread started from TypeScript sources (under Jest) load them too: each `.ts` file
// is compiled on require with the build's own swc settings. Built code never needs it.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
const { swcOptions } = require('./swc-options');

const options = swcOptions({ resolveAliases: true });

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
