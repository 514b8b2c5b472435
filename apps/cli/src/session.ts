import { DEFAULT_BASE_URL, Mintfax } from '@mintfax/sdk';
import { keyKind, readConfig, type KeyKind } from './cli-config';
import { CliError } from './exit-codes';

/** The options every command takes (see program.ts). */
export interface GlobalOptions {
  json?: boolean;
  key?: string;
  baseUrl?: string;
  live?: boolean;
}

export interface Session {
  mintfax: Mintfax;
  baseUrl: string;
  kind: KeyKind;
}

/**
 * The client a command runs with: `--key` (or MINTFAX_API_KEY), else the key `mintfax login`
 * saved, the sandbox one unless `--live`; the base URL likewise.
 */
export function openSession(options: GlobalOptions, { sandboxOnly = false } = {}): Session {
  const config = readConfig();
  const wanted: KeyKind = options.live && !sandboxOnly ? 'live' : 'test';
  const key = options.key ?? config.keys?.[wanted];
  if (!key) throw new CliError(`No ${wanted === 'test' ? 'sandbox' : 'live'} key: run \`mintfax login\` with one, or pass --key.`);
  const kind = keyKind(key);
  if (kind !== 'test' && kind !== 'live') throw new CliError('The key must be an environment key: mfx_test_… (sandbox) or mfx_live_….');
  if (sandboxOnly && kind !== 'test') throw new CliError('Sandbox commands take a sandbox key (mfx_test_…).');
  const baseUrl = options.baseUrl ?? config.base_url ?? DEFAULT_BASE_URL;
  return { mintfax: new Mintfax(key, { baseUrl }), baseUrl, kind };
}
