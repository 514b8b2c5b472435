import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', 'libs/db/src/generated/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:domain', 'scope:shared'] },
            { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:domain', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:domain', 'scope:shared', 'scope:local'] },
            // Local Postgres and Redis (dev runner, benchmarks, Jest): nothing in production reaches them.
            { sourceTag: 'scope:local', onlyDependOnLibsWithTags: [] },
            // Published client packages (SDK, Testcontainers module) and the CLI on top: the public API only.
            { sourceTag: 'scope:sdk', onlyDependOnLibsWithTags: ['scope:sdk'] },
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:sdk'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @mintfax/config.' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'ulid', message: 'New ids come from ulid of @mintfax/db (random bytes drawn in blocks).' }] }],
    },
  },
  {
    files: ['libs/db/src/ids.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests may use the harness; production code never does.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'apps/*/test/**/*.ts', 'libs/testing/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          // A library's own tests use the harness, which builds on that library (factories create
          // accounts, pools, faxes); production code never sees the harness (.nxignore, above rules).
          ignoredCircularDependencies: ['db', 'accounts', 'ledger', 'faxes', 'events'].map((lib) => [lib, 'testing']),
          // Jest's global setup loads these lazily (after mapping the aliases); everything else imports them normally.
          checkDynamicDependenciesExceptions: ['db', 'local-services'],
          depConstraints: [
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:domain', 'scope:shared', 'scope:testing'] },
            { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:domain', 'scope:shared', 'scope:testing'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:domain', 'scope:shared', 'scope:testing', 'scope:local'] },
            { sourceTag: 'scope:sdk', onlyDependOnLibsWithTags: ['scope:sdk', 'scope:domain', 'scope:shared', 'scope:testing', 'scope:local'] },
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:sdk', 'scope:domain', 'scope:shared', 'scope:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Local services read the machine's own environment (PATH, DOCKER_HOST), not the apps' configuration.
    files: ['libs/config/**/*.ts', 'libs/testing/**/*.ts', 'libs/local-services/**/*.ts', 'tools/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The CLI runs on a developer's machine: XDG_CONFIG_HOME is the user's setting (its tests set it), not an app's configuration.
    files: ['apps/cli/src/cli-config.ts', 'apps/cli/test/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
];
