import { CliError } from './exit-codes';

/** Reads a secret: typed without echo on a terminal, else the whole of standard input, trimmed. */
export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    const value = Buffer.concat(chunks).toString('utf8').trim();
    if (!value) throw new CliError('No key given: pass --key, set MINTFAX_API_KEY, or pipe the key in.');
    return value;
  }
  process.stdout.write(prompt);
  input.setRawMode(true);
  input.resume();
  try {
    let value = '';
    for await (const chunk of input) {
      for (const char of (chunk as Buffer).toString('utf8')) {
        if (char === '\r' || char === '\n') return value.trim();
        if (char === '\u0003') throw new CliError('Interrupted.');
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    }
    return value.trim();
  } finally {
    input.setRawMode(false);
    input.pause();
    process.stdout.write('\n');
  }
}
