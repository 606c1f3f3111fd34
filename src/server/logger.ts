import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * Logs carry a request id and never personal data: no query strings (they may hold a name being
 * searched), no cookies or tokens, no bodies, and known personal fields are censored wherever they appear.
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.email',
  '*.firstName',
  '*.lastName',
  '*.birthDate',
  '*.token',
  'err.detail',
  'err.cause.detail',
];

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): LoggerOptions & { stream?: NodeJS.WritableStream } {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: request.url.split('?')[0], reqId: request.id }),
    },
    ...(stream ? { stream } : {}),
  };
}
