import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/connection.js';
import type { Locale } from '../lib/i18n.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { ResolvedSession } from '../modules/identity/resolve-session.js';
import type { SessionStage } from '../modules/identity/schema.js';

export type RelaisApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/**
 * Who may call a route. 'public': anyone (the allowlist the route test checks). Otherwise a signed-in
 * staff member whose session is in one of `stages` (default: fully signed in).
 */
export type RouteAccess = 'public' | { stages: readonly SessionStage[] };

export interface RouteDeps {
  database: Database;
  publicUrl: string;
  session: { idleMinutes: number; absoluteHours: number };
  secureCookies: 'auto' | 'true' | 'false';
  /** Encrypts the secrets kept in the database (two-factor seeds). */
  secretBox: SecretBox;
}

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The route honours an Idempotency-Key header: a retried request has one effect. */
    idempotent?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered, with its declared access (for the authentication test). */
    relaisRoutes: () => readonly { method: string; url: string; access: RouteAccess | undefined }[];
  }
}
