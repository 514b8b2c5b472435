import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@mintfax/testing';

/** The directory the file mailer writes to (no SMTP_URL), as a developer reads codes on `npm start`. */
export interface Mailbox {
  dir: string;
  /**
   * The first group of `pattern` in the newest mail to `to` that no earlier read returned, waiting
   * for it to arrive: a code asked for again is never confused with the one before.
   */
  read(to: string, pattern: RegExp): Promise<string>;
  remove(): Promise<void>;
}

export async function createMailbox(): Promise<Mailbox> {
  const dir = await mkdtemp(join(tmpdir(), 'mintfax-dashboard-mail-'));
  const seen = new Set<string>();
  const read = async (to: string, pattern: RegExp): Promise<string | undefined> => {
    // Files are named `<ISO time>_<address>.txt`: sorted, the last one for an address is its newest mail.
    const names = (await readdir(dir)).filter((name) => name.endsWith(`_${to}.txt`) && !seen.has(name)).sort();
    for (const name of names.reverse()) {
      const match = pattern.exec(await readFile(join(dir, name), 'utf8'));
      if (match) {
        seen.add(name);
        return match[1];
      }
    }
    return undefined;
  };
  return {
    dir,
    read: (to, pattern) => waitFor(`a new mail to ${to} matching ${pattern}`, () => read(to, pattern), 10_000),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export const SIGN_IN_CODE = /sign-in code is (\d{6})/;
export const REGISTRATION_CODE = /verification code is (\d{6})/;
export const STEP_UP_CODE = /confirmation code is (\d{6})/;
