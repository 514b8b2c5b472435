import { Module } from '@nestjs/common';
import { RegistrationLimits } from '@mintfax/accounts';
import { MailModule } from '@mintfax/mail';
import { RegistrationController } from './registration.controller';
import { RegistrationService } from './registration.service';

@Module({
  imports: [MailModule],
  controllers: [RegistrationController],
  providers: [RegistrationService, RegistrationLimits],
})
export class RegistrationModule {}
