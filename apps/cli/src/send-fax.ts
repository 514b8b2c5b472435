import { WaitTimeoutError, type SendFaxParams } from '@mintfax/sdk';
import { EXIT, type ExitCode } from './exit-codes';
import { faxProgress } from './fax-format';
import type { Output } from './output';
import type { Session } from './session';

export interface WaitFlags {
  wait?: boolean;
  /** Seconds `--wait` waits at most. */
  timeout: number;
}

/** Polls often enough for a live status line, rarely enough to stay far below any rate limit. */
const POLL_INTERVAL_MS = 500;

/** Sends, then with `--wait` follows the fax on a status line until it is delivered (0) or failed (3). */
export async function sendFax({ mintfax }: Session, output: Output, params: SendFaxParams, { wait, timeout }: WaitFlags): Promise<ExitCode> {
  const fax = await mintfax.faxes.send(params);
  if (!wait) {
    output.result(fax, () => faxProgress(fax));
    return EXIT.ok;
  }
  const line = output.statusLine();
  line.update(faxProgress(fax));
  try {
    const done = await mintfax.faxes.waitFor(fax.id, { timeout: timeout * 1000, interval: POLL_INTERVAL_MS, onUpdate: (update) => line.update(faxProgress(update)) });
    line.done(faxProgress(done));
    if (output.json) output.result(done, () => []);
    return done.status === 'delivered' ? EXIT.ok : EXIT.faxFailed;
  } catch (error) {
    if (error instanceof WaitTimeoutError) line.done(faxProgress(error.fax));
    throw error;
  }
}
