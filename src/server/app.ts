import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connection.js';
import { DomainError } from '../lib/domain-error.js';
import { negotiateLocale } from '../lib/i18n.js';
import type { SecretBox } from '../lib/secret-box.js';
import { projectRoot } from '../lib/project-root.js';
import { identityRoutes } from '../modules/identity/routes.js';
import { organizationRoutes } from '../modules/organizations/routes.js';
import { partnerRoutes } from '../modules/partners/routes.js';
import { referralRoutes } from '../modules/referrals/routes.js';
import { admissionRoutes } from '../modules/admissions/routes.js';
import { notificationRoutes } from '../modules/notifications/routes.js';
import { planRoutes } from '../modules/plans/routes.js';
import { peopleRoutes } from '../modules/people/routes.js';
import { homeRoutes } from '../modules/home/routes.js';
import { schedulingRoutes } from '../modules/scheduling/routes.js';
import { serviceRoutes } from '../modules/services/routes.js';
import { staffRoutes } from '../modules/staff/routes.js';
import { reminderRoutes } from '../modules/reminders/routes.js';
import { calendarFeedRoutes } from '../modules/calendar-feeds/routes.js';
import { escalationRoutes } from '../modules/escalations/routes.js';
import { exchangeRoutes } from '../modules/exchanges/routes.js';
import { transitionRoutes } from '../modules/transitions/routes.js';
import { trajectoryRoutes } from '../modules/trajectory/routes.js';
import { journalRoutes } from '../modules/journal/routes.js';
import { loggerOptions } from './logger.js';
import { problemFromError, routeNotFound, sendProblem } from './problem.js';
import { registerSessionHook } from './session-plugin.js';
import type { RelaisApp, RouteAccess, RouteDeps } from './types.js';

export interface AppOptions {
  database: Database;
  publicUrl: string;
  /** Encrypts two-factor secrets at rest; built from the installation's key (see loadSecretKey). */
  secretBox: SecretBox;
  session?: { idleMinutes: number; absoluteHours: number };
  secureCookies?: 'auto' | 'true' | 'false';
  trustProxy?: boolean;
  logLevel?: string;
  logStream?: NodeJS.WritableStream;
  /** The built web app (index.html and assets); absent in API-only tests. */
  webRoot?: string | null;
}

export const defaultWebRoot = path.join(projectRoot, 'web', 'dist');

export async function buildApp(options: AppOptions): Promise<RelaisApp> {
  const deps: RouteDeps = {
    database: options.database,
    publicUrl: options.publicUrl,
    secretBox: options.secretBox,
    session: options.session ?? { idleMinutes: 30, absoluteHours: 12 },
    secureCookies: options.secureCookies ?? 'auto',
  };
  const app: RelaisApp = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info', options.logStream),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 256 * 1024,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>() as unknown as RelaisApp;

  const registeredRoutes: { method: string; url: string; access: RouteAccess | undefined }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registeredRoutes.push({ method, url: route.url, access: route.config?.access });
  });
  app.decorate('relaisRoutes', () => registeredRoutes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Graceful shutdown: requests in flight when closing starts finish, and their keep-alive
  // connections end with them, so the server does not wait out the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.setErrorHandler((error, request, reply) => {
    if (!request.locale) request.locale = negotiateLocale(request.headers['accept-language']);
    const { body, headers } = problemFromError(error as Error, request);
    return sendProblem(reply, body, headers);
  });
  app.setNotFoundHandler((request, reply) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    const web = webRoot;
    if (web && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/docs')) {
      return serveIndex(reply, web);
    }
    return sendProblem(reply, routeNotFound(request));
  });

  await app.register(cookie);
  // Strict CSP: scripts only from our origin, no inline script. Styles: our origin plus a per-response
  // nonce, which the web app hands to Mantine for the one <style> element it injects.
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Relais API', version: '1', description: 'Coordination de l’accompagnement personnalisé. Erreurs au format application/problem+json (RFC 9457).' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'relais_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  registerSessionHook(app, deps);

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'État du service', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'server']) }) } },
    },
    async () => {
      await options.database.pool.query('SELECT 1').catch(() => {
        throw new DomainError('unavailable');
      });
      return { status: 'ok' as const, database: options.database.kind };
    },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  identityRoutes(app, deps);
  organizationRoutes(app, deps);
  staffRoutes(app, deps);
  peopleRoutes(app, deps);
  serviceRoutes(app, deps);
  partnerRoutes(app, deps);
  referralRoutes(app, deps);
  admissionRoutes(app, deps);
  notificationRoutes(app, deps);
  planRoutes(app, deps);
  schedulingRoutes(app, deps);
  homeRoutes(app, deps);
  reminderRoutes(app, deps);
  calendarFeedRoutes(app, deps);
  escalationRoutes(app, deps);
  exchangeRoutes(app, deps);
  transitionRoutes(app, deps);
  trajectoryRoutes(app, deps);
  journalRoutes(app, deps);

  const webRoot = options.webRoot === undefined ? (fs.existsSync(path.join(defaultWebRoot, 'index.html')) ? defaultWebRoot : null) : options.webRoot;
  let indexHtml: string | null = null;
  function serveIndex(reply: FastifyReply, root: string) {
    indexHtml ??= fs.readFileSync(path.join(root, 'index.html'), 'utf8');
    const nonce = reply.cspNonce.style;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(indexHtml.replace('</head>', `<meta name="csp-nonce" content="${nonce}"></head>`));
  }
  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: false, decorateReply: false, serve: true, allowedPath: (p) => p !== '/index.html' });
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => serveIndex(reply, webRoot));
  }
  return app;
}
