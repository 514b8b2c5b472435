import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON line per entry; credentials never reach the log, whatever object is passed. */
export function createLogger(app: string, level: string): Logger {
  return pino({
    level,
    base: { app },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'authorization',
        'req.headers.authorization',
        'headers.authorization',
        '*.password',
        '*.secret',
        '*.apiKey',
        '*.api_key',
        '*.code',
        'stripe-signature',
        'headers["stripe-signature"]',
      ],
      censor: '[redacted]',
    },
  });
}
