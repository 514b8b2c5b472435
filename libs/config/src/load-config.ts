import { ConfigError, type Parser } from './parsers';

export type ConfigSpec = Record<string, { env: string; parse: Parser<unknown> }>;
export type ConfigOf<S extends ConfigSpec> = { readonly [K in keyof S]: ReturnType<S[K]['parse']> };

/**
 * Reads every variable of `spec` from `env` once. The first bad or missing one throws a
 * ConfigError whose message is one line naming the variable, so an app exits saying exactly why.
 */
export function loadConfig<S extends ConfigSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const config: Record<string, unknown> = {};
  for (const [key, { env: name, parse }] of Object.entries(spec)) {
    try {
      config[key] = parse(env[name]);
    } catch (error) {
      const reason = error instanceof ConfigError ? error.message : `is invalid (${(error as Error).message})`;
      throw new ConfigError(`Configuration error: ${name} ${reason}.`);
    }
  }
  return Object.freeze(config) as ConfigOf<S>;
}

/** Loads configuration for an app's entry point, or prints one line and exits. */
export function loadConfigOrExit<S extends ConfigSpec>(spec: S, appName: string): ConfigOf<S> {
  try {
    return loadConfig(spec);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${appName}: ${error.message}\n`);
    process.exit(1);
  }
}
