import type { Command } from 'commander';
import type { ExitCode } from './exit-codes';
import { Output } from './output';
import type { GlobalOptions } from './session';

/** What a command does: its positional arguments, its own and the global options; resolves to the exit code. */
export type CommandBody<O> = (context: { output: Output; options: GlobalOptions & O; args: string[] }) => Promise<ExitCode>;

/** Gives `command` its body: `register(program.command('get'), async ({ output, options, args }) => …)`. */
export type Register = <O>(command: Command, body: CommandBody<O>) => Command;

/**
 * Adapts a command body to commander's action, which passes the positional arguments, the
 * command's options and the command: every failure is printed in words and becomes an exit code.
 */
export function commandAction<O>(body: CommandBody<O>, setExitCode: (code: ExitCode) => void) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received.at(-1) as Command;
    const options = command.optsWithGlobals<GlobalOptions & O>();
    const output = new Output(Boolean(options.json));
    try {
      setExitCode(await body({ output, options, args: received.slice(0, -2) as string[] }));
    } catch (error) {
      setExitCode(output.failure(error));
    }
  };
}
