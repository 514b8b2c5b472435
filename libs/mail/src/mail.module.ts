import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type MailConfig } from '@mintfax/config';
import { LOGGER, type Logger } from '@mintfax/platform';
import { FileMailer } from './file-mailer';
import { Mailer } from './mailer';
import { SmtpMailer } from './smtp-mailer';

/** The app's Mailer, from the mail settings of its configuration (APP_CONFIG). */
@Module({
  providers: [
    {
      provide: Mailer,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: MailConfig, logger: Logger): Mailer =>
        config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new FileMailer(config.mailDir, config.mailFrom, logger),
    },
  ],
  exports: [Mailer],
})
export class MailModule implements OnApplicationShutdown {
  constructor(private readonly mailer: Mailer) {}

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
