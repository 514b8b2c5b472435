/** One outgoing message: plain text is all verification mail needs. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail; SmtpMailer when SMTP_URL is set, FileMailer otherwise. */
export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;

  /** Releases connections at shutdown. */
  close(): void {}
}
