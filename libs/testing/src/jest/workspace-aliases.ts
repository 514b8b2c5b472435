import { existsSync } from 'node:fs';
import Module from 'node:module';
import { join, resolve } from 'node:path';

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };

/**
 * Jest loads its global setup outside its module registry, so `moduleNameMapper` does not apply
 * there; this maps `@mintfax/<lib>` to `libs/<lib>/src/index.ts` the same way (Jest's own require
 * hook then compiles the TypeScript). Idempotent.
 */
export function registerWorkspaceAliases(workspaceRoot = resolve(__dirname, '..', '..', '..', '..')): void {
  const original = moduleWithResolver._resolveFilename;
  if ((original as { mintfaxAliases?: boolean }).mintfaxAliases) return;
  const aliased: Resolve = (request, ...rest) => {
    const match = /^@mintfax\/([a-z-]+)$/.exec(request);
    const target = match && join(workspaceRoot, 'libs', match[1] as string, 'src', 'index.ts');
    return original.call(Module, target && existsSync(target) ? target : request, ...rest);
  };
  (aliased as { mintfaxAliases?: boolean }).mintfaxAliases = true;
  moduleWithResolver._resolveFilename = aliased;
}
