import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { RegistrationController } from './registration.controller';
import { RegistrationLimits } from './registration-limits';
import { RegistrationService } from './registration.service';

@Module({
  imports: [MailModule],
  controllers: [RegistrationController],
  providers: [RegistrationService, RegistrationLimits],
})
export class RegistrationModule {}
