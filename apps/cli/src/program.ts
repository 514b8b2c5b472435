import { Command, CommanderError, Option } from 'commander';
import { commandAction, type Register } from './command-action';
import { registerEventsCommands } from './commands/events';
import { registerFaxCommands } from './commands/fax';
import { registerLogin } from './commands/login';
import { registerSandboxCommands } from './commands/sandbox';
import { registerWebhooksCommands } from './commands/webhooks';
import { EXIT, type ExitCode } from './exit-codes';

const EXIT_CODES_HELP = `
Exit codes: 0 ok, 1 the API refused the request, 2 usage (or not logged in),
3 the fax failed (--wait), 4 still under way at --timeout (--wait), 5 the API did not answer.`;

/** Runs `mintfax` with `argv` (as process.argv) and resolves to its exit code (docs/cli.md). */
export async function run(argv: string[]): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = new Command('mintfax')
    .description('The mintfax API from a terminal: send faxes, follow events, forward webhooks to a local receiver.')
    .addOption(new Option('--key <key>', 'the API key to use instead of the one `login` kept').env('MINTFAX_API_KEY'))
    .addOption(new Option('--base-url <url>', 'the api-gateway to talk to (default: as logged in, else http://localhost:3000)').env('MINTFAX_BASE_URL'))
    .option('--live', 'use the live key kept by `login` instead of the sandbox one')
    .option('--json', 'print JSON for scripts instead of lines for people')
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(run with --help for usage)')
    // Usage errors end with exit code 2, not commander's 1 (which means an API error here).
    .exitOverride();
  const register: Register = (command, body) => command.action(commandAction(body, (code) => (exitCode = code)));

  registerLogin(program, register);
  registerFaxCommands(program, register);
  registerEventsCommands(program, register);
  registerWebhooksCommands(program, register);
  registerSandboxCommands(program, register);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return exitCode;
}
