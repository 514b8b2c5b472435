import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@mintfax/platform';
import { Mailer, type MailMessage } from './mailer';

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
    // Sortable by time, findable by address; the address is reduced to characters safe in a file name.
    const file = join(this.mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}_${to.replace(/[^A-Za-z0-9@._-]/g, '_')}.txt`);
    await writeFile(file, `From: ${this.from}\nTo: ${to}\nSubject: ${subject}\n\n${text}\n`, { mode: 0o600 });
    this.logger.info({ to, file }, `mail written to a file (no SMTP_URL): ${subject}\n${text}`);
  }
}
