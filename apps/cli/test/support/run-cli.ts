import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from '@mintfax/testing';

// The build the Jest global setup made, run as a user runs it.
const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user whose config directory is `configHome` and who set no MINTFAX_* variable. */
function cliEnv(configHome: string): NodeJS.ProcessEnv {
  const { MINTFAX_API_KEY: _key, MINTFAX_BASE_URL: _url, ...env } = process.env;
  return { ...env, XDG_CONFIG_HOME: configHome };
}

function start(configHome: string, args: string[], input?: string): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(configHome), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.end(input);
  return child;
}

/** Runs `mintfax …args` to its end. */
export function mintfax(configHome: string, args: string[], { input }: { input?: string } = {}): Promise<CliRun> {
  const child = start(configHome, args, input);
  const run: CliRun = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ ...run, code })));
}

/** A `mintfax` command that runs until stopped (`events tail`, `webhooks listen`), read as it prints. */
export interface RunningCli {
  stdout(): string;
  /** The first match of `pattern` in what it printed, once it is there. */
  printed(pattern: RegExp, what: string): Promise<RegExpMatchArray>;
  /** Ctrl-C, and its exit code. */
  interrupt(): Promise<number | null>;
}

export function startMintfax(configHome: string, args: string[]): RunningCli {
  const child = start(configHome, args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    stdout: () => stdout,
    printed: (pattern, what) =>
      waitFor(`mintfax ${args.join(' ')} to print ${what}`, async () => stdout.match(pattern) ?? undefined).catch((error: Error) => {
        throw new Error(`${error.message}\nstdout: ${stdout}\nstderr: ${stderr}`);
      }),
    interrupt: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
