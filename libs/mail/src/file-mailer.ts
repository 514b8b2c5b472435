import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@mintfax/platform';
import { Mailer, type MailMessage } from './mailer';

const MAX_ADDRESS_IN_NAME = 200;

/**
 * Without SMTP_URL (the quick start), each message becomes a file under MAIL_DIR and a log line,
 * so a developer can register without a mail relay.
 */
export class FileMailer extends Mailer {
  constructor(
    private readonly mailDir: string,
    private readonly from: string,
    private readonly logger: Logger,
  ) {
    super();
  }

  async send({ to, subject, text }: MailMessage): Promise<void> {
    await mkdir(this.mailDir, { recursive: true });
    // Sortable by time, findable by the end of the address, reduced to characters safe in a file name
    // and short enough for one (an address may be 254 characters, a file name at most 255 bytes).
    const address = to.replace(/[^A-Za-z0-9@._-]/g, '_').slice(-MAX_ADDRESS_IN_NAME);
    const file = join(this.mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}_${address}.txt`);
    await writeFile(file, `From: ${this.from}\nTo: ${to}\nSubject: ${subject}\n\n${text}\n`, { mode: 0o600 });
    this.logger.info({ to, file }, `mail written to a file (no SMTP_URL): ${subject}\n${text}`);
  }
}
