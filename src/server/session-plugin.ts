import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../lib/domain-error.js';
import { negotiateLocale } from '../lib/i18n.js';
import { fingerprintRequest, type IdempotencyKey } from '../modules/requests/idempotency.js';
import { resolveSession } from '../modules/identity/resolve-session.js';
import type { SessionStage } from '../modules/identity/schema.js';
import { runAsActor, type Actor, type Ctx, type RequestMeta } from './context.js';
import type { RelaisApp, RouteDeps } from './types.js';

export const sessionCookieName = 'relais_session';
const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function useSecureCookie(request: FastifyRequest, setting: RouteDeps['secureCookies']): boolean {
  if (setting === 'auto') return request.protocol === 'https';
  return setting === 'true';
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, deps: RouteDeps, token: string): void {
  reply.setCookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: useSecureCookie(request, deps.secureCookies),
    path: '/',
    maxAge: deps.session.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName, { path: '/' });
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, requestId: String(request.id), userAgent: typeof ua === 'string' ? ua : null };
}

/** The runner every staff route uses: the signed-in actor, one transaction, audit in it. */
export function asActor<T>(deps: RouteDeps, request: FastifyRequest, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const session = request.session;
  if (!session) throw new DomainError('unauthenticated');
  const actor: Actor = {
    staffMemberId: session.staffMemberId,
    organizationId: session.organizationId,
    sessionId: session.sessionId,
    permissions: session.permissions,
    roleCodes: session.roleCodes,
    locale: session.locale,
    timeZone: session.organizationTimeZone,
  };
  return runAsActor(deps.database.db, actor, requestMeta(request), work, idempotencyKeyOf(request));
}

function idempotencyKeyOf(request: FastifyRequest): IdempotencyKey | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined || !request.routeOptions.config.idempotent) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !/^[\x21-\x7e]{8,200}$/.test(key)) {
    throw new DomainError('validation_failed', {}, [
      { field: 'headers.idempotency-key', message: { fr: 'Clé d’idempotence invalide (8 à 200 caractères imprimables).', en: 'Invalid idempotency key (8 to 200 printable characters).' } },
    ]);
  }
  return { key, fingerprint: fingerprintRequest(request.method, request.routeOptions.url ?? request.url, { params: request.params, body: request.body }) };
}

// A browser sends Origin on cross-site requests; a state-changing request from another site is refused
// (on top of SameSite cookies and the CSRF token).
function originAllowed(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

/**
 * Authentication, before validation: resolves the session cookie, applies the route's access rule,
 * the session stage (second factor pending, enrolment required) and the CSRF token on changes.
 */
export function registerSessionHook(app: RelaisApp, deps: RouteDeps): void {
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    const access = request.routeOptions.config.access;
    if (mutating.has(request.method) && !originAllowed(request)) throw new DomainError('csrf_failed');
    // Only the API holds data; the web app's files and the API docs are public by nature.
    if (access === 'public' || request.is404 || !request.routeOptions.url?.startsWith('/api/')) return;
    const token = request.cookies[sessionCookieName];
    const session = token ? await resolveSession(deps.database.db, token, deps.session.idleMinutes) : null;
    if (!session) {
      if (token) clearSessionCookie(reply);
      throw new DomainError(token ? 'session_expired' : 'unauthenticated');
    }
    request.session = session;
    request.locale = session.locale;
    const stages: readonly SessionStage[] = access?.stages ?? ['active'];
    if (!stages.includes(session.stage)) {
      throw new DomainError(session.stage === 'totp_pending' ? 'second_factor_required' : 'two_factor_enrollment_required');
    }
    if (mutating.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) throw new DomainError('csrf_failed');
  });
}
