import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from './exit-codes';

export type KeyKind = 'test' | 'live';

/** What `mintfax login` and `webhooks listen` keep between runs. */
export interface CliConfig {
  base_url?: string;
  keys?: Partial<Record<KeyKind, string>>;
  /** The secret `webhooks listen` signs with, kept so a receiver configured with it keeps working. */
  listen_secret?: string;
}

/** `$XDG_CONFIG_HOME/mintfax/config.json`, else `~/.config/mintfax/config.json`. */
export function configPath(): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'mintfax', 'config.json');
}

export function readConfig(): CliConfig {
  const path = configPath();
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CliConfig;
  } catch (error) {
    throw new CliError(`${path} is not valid JSON (${(error as Error).message}); fix it or delete it and log in again.`);
  }
}

/** Writes the file readable by its owner only: it holds API keys. */
export function writeConfig(config: CliConfig): string {
  const path = configPath();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // The mode above applies only when the file is created.
  chmodSync(path, 0o600);
  return path;
}

export function keyKind(key: string): KeyKind | 'account' | undefined {
  const prefix = /^mfx_(test|live|acct)_/.exec(key)?.[1];
  return prefix === 'acct' ? 'account' : (prefix as KeyKind | undefined);
}
