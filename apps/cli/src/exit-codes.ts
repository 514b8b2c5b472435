/** docs/cli.md "Exit codes": what a script may rely on. */
export const EXIT = {
  ok: 0,
  /** The API refused the request: its error envelope was printed. */
  apiError: 1,
  /** A command, option or argument is wrong, or no key is configured. */
  usage: 2,
  /** The fax ended `failed` (`--wait`). */
  faxFailed: 3,
  /** The fax was still under way when `--timeout` ran out (`--wait`). */
  timedOut: 4,
  /** The API did not answer (refused, reset, timed out), after retries. */
  unreachable: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI itself detected, with the exit code it ends with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
  }
}
