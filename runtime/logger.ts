import pino from 'pino';

export type Logger = pino.Logger;

/** Anything that could carry a secret is censored before it is written. */
const redact = {
  paths: [
    'req.headers.authorization',
    'req.headers["x-apikey"]',
    'headers.authorization',
    'headers["x-apikey"]',
    '*.apiKey',
    '*.key',
    '*.adminToken',
    '*.password',
    '*.credentials',
    '*.ownerToken',
    '*.clientSecret',
  ],
  censor: '[redacted]',
};

export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service: 'loyalty-hub', ...base }, redact, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
