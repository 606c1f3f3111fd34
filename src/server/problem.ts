import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, describeError, type DomainErrorCode } from '../lib/domain-error.js';
import type { Locale } from '../lib/i18n.js';

/** RFC 9457 problem details, as every error leaves Relais. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: DomainErrorCode;
  detail?: string;
  instance?: string;
  requestId: string;
  errors?: { field: string; code: string; message: string }[];
  [extra: string]: unknown;
}

const zodLocales = { fr: z.locales.fr(), en: z.locales.en() } as const;

type Issue = Parameters<NonNullable<ReturnType<typeof z.locales.fr>['localeError']>>[0];

// Plain words for the issues people meet most; zod's own translations cover the rest.
function fieldMessage(issue: Issue, locale: Locale): string {
  const fr = locale === 'fr';
  const i = issue as Issue & { minimum?: number; maximum?: number; origin?: string; format?: string; expected?: string; input?: unknown };
  switch (issue.code) {
    case 'too_small':
      if (i.origin === 'string') {
        return i.minimum === 1
          ? fr ? 'Ce champ est obligatoire.' : 'This field is required.'
          : fr ? `Doit contenir au moins ${i.minimum} caractères.` : `Must be at least ${i.minimum} characters long.`;
      }
      break;
    case 'too_big':
      if (i.origin === 'string') return fr ? `Doit contenir au plus ${i.maximum} caractères.` : `Must be at most ${i.maximum} characters long.`;
      break;
    case 'invalid_type':
      if (i.input === undefined) return fr ? 'Ce champ est obligatoire.' : 'This field is required.';
      break;
    case 'invalid_format':
      if (i.format === 'email') return fr ? 'Adresse e-mail invalide.' : 'Invalid email address.';
      if (i.format === 'uuid') return fr ? 'Identifiant invalide.' : 'Invalid identifier.';
      if (i.format === 'date') return fr ? 'Date invalide (format AAAA-MM-JJ).' : 'Invalid date (format YYYY-MM-DD).';
      break;
    case 'unrecognized_keys':
      return fr ? 'Champ inconnu.' : 'Unknown field.';
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_element':
    case 'invalid_key':
    case 'not_multiple_of':
    case 'custom':
      break;
  }
  const translated = zodLocales[locale].localeError?.(issue);
  if (typeof translated === 'string') return translated;
  if (translated && typeof translated === 'object' && 'message' in translated) return String(translated.message);
  return fr ? 'Valeur invalide.' : 'Invalid value.';
}

function problem(code: DomainErrorCode, locale: Locale, request: FastifyRequest, extra: Partial<Problem> = {}): Problem {
  const { status, title } = describeError(code, locale);
  return {
    type: `https://relais.app/problems/${code.replaceAll('_', '-')}`,
    title,
    status,
    code,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem, headers: Record<string, string> = {}) {
  return reply.status(body.status).headers(headers).type('application/problem+json; charset=utf-8').send(body);
}

/** Turns any error into a problem response. Unknown errors become a logged 500 with no detail. */
export function problemFromError(error: FastifyError | Error, request: FastifyRequest): { body: Problem; headers: Record<string, string> } {
  const locale = request.locale;
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error.code === 'rate_limited' && typeof error.details.retryAfterSeconds === 'number') {
      headers['retry-after'] = String(error.details.retryAfterSeconds);
    }
    const errors = error.fieldErrors.map((f) => ({ field: f.field, code: 'invalid', message: f.message[locale] }));
    // An occurrence-specific sentence ("modifié par Claire Fontaine à 10:42") travels as problem+json's `detail`.
    const { detail, ...details } = error.details as { detail?: { fr: string; en: string } } & Record<string, unknown>;
    const body = problem(error.code, locale, request, {
      ...(detail ? { detail: detail[locale] } : {}),
      ...(errors.length ? { errors } : {}),
      ...(Object.keys(details).length ? { details } : {}),
    });
    return { body, headers };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'body';
    const errors = error.validation.flatMap((v) => {
      const issue = { code: v.keyword, path: v.instancePath.split('/').filter(Boolean), message: v.message, ...v.params } as unknown as Issue & { keys?: string[] };
      const base = v.instancePath.split('/').filter(Boolean).join('.');
      if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
        return issue.keys.map((k) => ({ field: [where, base, k].filter(Boolean).join('.'), code: v.keyword, message: fieldMessage(issue, locale) }));
      }
      return [{ field: [where, base].filter(Boolean).join('.'), code: v.keyword, message: fieldMessage(issue, locale) }];
    });
    return { body: problem('validation_failed', locale, request, { errors }), headers: {} };
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return { body: problem('internal', locale, request), headers: {} };
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { body: problem('unsupported_media_type', locale, request), headers: {} };
      return { body: problem('malformed_request', locale, request), headers: {} };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { body: problem('payload_too_large', locale, request), headers: {} };
    default:
      break;
  }
  if (fastifyError.statusCode === 429) return { body: problem('rate_limited', locale, request), headers: {} };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const code: DomainErrorCode =
      fastifyError.statusCode === 404 ? 'not_found'
      : fastifyError.statusCode === 413 ? 'payload_too_large'
      : fastifyError.statusCode === 415 ? 'unsupported_media_type'
      : fastifyError.statusCode === 405 ? 'method_not_allowed'
      : 'malformed_request';
    return { body: problem(code, locale, request), headers: {} };
  }
  request.log.error({ err: error }, 'unexpected error');
  return { body: problem('internal', locale, request), headers: {} };
}

export function routeNotFound(request: FastifyRequest): Problem {
  return problem('route_not_found', request.locale, request);
}
