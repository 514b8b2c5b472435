import type { MailMessage } from './mailer';

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

export function signInCodeMail(to: string, code: string, validMinutes: number): MailMessage {
  return {
    to,
    subject: `Your mintfax sign-in code: ${code}`,
    text: [
      `Your mintfax sign-in code is ${code}.`,
      `It expires in ${validMinutes} minutes. If you did not ask for it, ignore this message: nobody can sign in without it.`,
    ].join('\n'),
  };
}

/** Sent instead of a sign-in code when no account uses the address: the HTTP answer stays the same. */
export function unknownAddressMail(to: string): MailMessage {
  return {
    to,
    subject: 'Signing in to mintfax',
    text: [
      'Someone asked to sign in to the mintfax dashboard with this address, but no account uses it.',
      'To create one, choose "Create an account" on the sign-in page. If it was not you, ignore this message.',
    ].join('\n'),
  };
}

/** The step-up code: a fresh proof that the person at the dashboard also reads this mailbox. */
export function stepUpCodeMail(to: string, code: string, validMinutes: number): MailMessage {
  return {
    to,
    subject: `Confirm an account key change: ${code}`,
    text: [
      `Your mintfax confirmation code is ${code}.`,
      `It confirms creating or revoking an account key in the dashboard and expires in ${validMinutes} minutes.`,
      'If you did not ask for it, someone may be signed in as you: sign out everywhere from the dashboard.',
    ].join('\n'),
  };
}
