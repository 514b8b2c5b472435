import type { MailMessage } from '../mail/mailer';

export function verificationCodeMail(to: string, code: string): MailMessage {
  return {
    to,
    subject: `Your mintfax verification code: ${code}`,
    text: [
      `Your mintfax verification code is ${code}.`,
      'It expires in 10 minutes. If you did not ask for it, ignore this message.',
    ].join('\n'),
  };
}

/** Sent instead of a code when the address already has an account: the HTTP answer stays the same. */
export function alreadyRegisteredMail(to: string): MailMessage {
  return {
    to,
    subject: 'You already have a mintfax account',
    text: [
      'Someone asked to register a new mintfax account with this address, which already has one.',
      'Use your existing account keys instead. If it was not you, ignore this message.',
    ].join('\n'),
  };
}
