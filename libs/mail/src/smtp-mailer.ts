import { createTransport, type Transporter } from 'nodemailer';
import { Mailer, type MailMessage } from './mailer';

/** Delivers through the relay of SMTP_URL (`smtp://user:pass@host:587`). */
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transport = createTransport(smtpUrl);
  }

  async send({ to, subject, text }: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject, text });
  }

  override close(): void {
    this.transport.close();
  }
}
