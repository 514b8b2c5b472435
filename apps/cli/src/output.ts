import { ConnectionError, MintfaxError, WaitTimeoutError } from '@mintfax/sdk';
import { actionInWords } from './action-words';
import { CliError, EXIT, type ExitCode } from './exit-codes';

/** Human lines by default; with `--json`, JSON only on stdout (errors as JSON on stderr). */
export class Output {
  constructor(
    readonly json: boolean,
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly err: NodeJS.WriteStream = process.stderr,
  ) {}

  /** One human line; nothing in `--json` mode. */
  say(text: string): void {
    if (!this.json) this.out.write(`${text}\n`);
  }

  /** The command's result: `human` lines, or `value` as JSON. */
  result(value: unknown, human: () => string | string[]): void {
    if (this.json) this.out.write(`${JSON.stringify(value, null, 2)}\n`);
    else this.out.write(`${[human()].flat().join('\n')}\n`);
  }

  /** One item of a stream (events, deliveries): a line of its own, NDJSON with `--json`. */
  item(value: unknown, human: () => string): void {
    this.out.write(`${this.json ? JSON.stringify(value) : human()}\n`);
  }

  /**
   * A line that keeps changing (a fax's status): rewritten in place on a terminal, a line per
   * change otherwise, so logs and pipes keep every step. Silent with `--json`.
   */
  statusLine(): { update(text: string): void; done(text: string): void } {
    let last = '';
    const inPlace = Boolean(this.out.isTTY) && !this.json;
    return {
      update: (text) => {
        if (this.json || text === last) return;
        last = text;
        this.out.write(inPlace ? `\r\x1b[2K${text}` : `${text}\n`);
      },
      done: (text) => {
        if (this.json) return;
        if (inPlace) this.out.write(`\r\x1b[2K${text}\n`);
        else if (text !== last) this.out.write(`${text}\n`);
      },
    };
  }

  /** Prints why the command failed, in words (or as JSON), and says which exit code that is. */
  failure(error: unknown): ExitCode {
    if (error instanceof MintfaxError) {
      const code = error instanceof ConnectionError ? EXIT.unreachable : EXIT.apiError;
      if (this.json) {
        const { code: errorCode, status, action, docs, requestId, context } = error;
        this.err.write(`${JSON.stringify({ error: errorCode, message: error.message, status, action, docs, request_id: requestId, context })}\n`);
        return code;
      }
      const lines = [`Error: ${error.message}`];
      const fields = error.context?.errors as Record<string, string[]> | undefined;
      if (fields) for (const [field, messages] of Object.entries(fields)) lines.push(`  ${field}: ${messages.join(' ')}`);
      lines.push(`What to do: ${actionInWords(error.action)}`, `Code: ${error.code}${error.status ? ` (HTTP ${error.status})` : ''}`);
      if (error.docs) lines.push(`Docs: ${error.docs}`);
      if (error.requestId) lines.push(`Request id: ${error.requestId}`);
      this.err.write(`${lines.join('\n')}\n`);
      return code;
    }
    const [message, code] =
      error instanceof CliError ? [error.message, error.exitCode] : error instanceof WaitTimeoutError ? [error.message, EXIT.timedOut] : [String(error), EXIT.apiError];
    this.err.write(this.json ? `${JSON.stringify({ error: message })}\n` : `Error: ${message}\n`);
    return code;
  }
}
