export { FileMailer } from './file-mailer';
export { MailModule } from './mail.module';
export { Mailer, type MailMessage } from './mailer';
export { SmtpMailer } from './smtp-mailer';
export { alreadyRegisteredMail, signInCodeMail, stepUpCodeMail, unknownAddressMail, verificationCodeMail } from './verification-mail';
