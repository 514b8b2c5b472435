import type { Command } from 'commander';
import { Mintfax, DEFAULT_BASE_URL } from '@mintfax/sdk';
import type { Register } from '../command-action';
import { keyKind, readConfig, writeConfig } from '../cli-config';
import { CliError, EXIT } from '../exit-codes';
import { readSecret } from '../read-secret';

export function registerLogin(program: Command, register: Register): void {
  register(
    program
      .command('login')
      .description('check an environment key and keep it (with --base-url) in your config directory, readable by you only')
      .addHelpText('after', '\nThe key comes from --key, MINTFAX_API_KEY, or a prompt (or standard input when it is not a terminal).'),
    async ({ output, options }) => {
      const key = options.key ?? (await readSecret('API key (mfx_test_… or mfx_live_…): '));
      const kind = keyKind(key);
      if (kind !== 'test' && kind !== 'live') throw new CliError('Log in with an environment key: mfx_test_… (sandbox) or mfx_live_….');
      const config = readConfig();
      const baseUrl = options.baseUrl ?? config.base_url ?? DEFAULT_BASE_URL;
      const environment = await new Mintfax(key, { baseUrl }).environment.get();
      const path = writeConfig({ ...config, base_url: baseUrl, keys: { ...config.keys, [kind]: key } });
      output.result({ environment, base_url: baseUrl, config: path }, () => [
        `Logged in to "${environment.name}" (${environment.type}, ${environment.id}) at ${baseUrl}.`,
        `The ${kind === 'test' ? 'sandbox' : 'live'} key is kept in ${path}${kind === 'live' ? '; use it with --live' : ''}.`,
      ]);
      return EXIT.ok;
    },
  );
}
