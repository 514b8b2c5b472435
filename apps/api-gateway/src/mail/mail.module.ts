import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { LOGGER, type Logger } from '@mintfax/platform';
import { FileMailer } from './file-mailer';
import { Mailer } from './mailer';
import { SmtpMailer } from './smtp-mailer';

@Module({
  providers: [
    {
      provide: Mailer,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: GatewayConfig, logger: Logger): Mailer =>
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
