import { z } from 'zod';
import { ZLocale, ZTotpCode } from '../../lib/zod-fields.js';
import { asActor, clearSessionCookie, requestMeta, setSessionCookie } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { changePassword } from './change-password.js';
import { confirmTwoFactor } from './confirm-two-factor.js';
import { disableTwoFactor } from './disable-two-factor.js';
import { enrolTwoFactor } from './enrol-two-factor.js';
import { ZPassword } from './passwords.js';
import { signIn } from './sign-in.js';
import { signOut } from './sign-out.js';
import { updatePreferences } from './update-preferences.js';
import { verifySecondFactor } from './verify-second-factor.js';

const ZStage = z.enum(['active', 'totp_pending', 'totp_enrollment']);
const anyStage = { stages: ['active', 'totp_pending', 'totp_enrollment'] } as const;
const enrolmentStages = { stages: ['active', 'totp_enrollment'] } as const;

export const ZSessionView = z.object({
  stage: ZStage,
  csrfToken: z.string(),
  staffMember: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string(), locale: ZLocale, twoFactorEnabled: z.boolean() }),
  organization: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string(), requireTwoFactor: z.boolean() }),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
});

export function identityRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Connexion (adresse e-mail et mot de passe)',
        body: z.strictObject({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ stage: ZStage }) },
      },
    },
    async (request, reply) => {
      const meta = requestMeta(request);
      const opened = await signIn(deps.database.db, request.body, meta, deps.session);
      setSessionCookie(request, reply, deps, opened.token);
      return { stage: opened.stage };
    },
  );

  app.post(
    '/api/v1/auth/second-factor',
    {
      config: { access: { stages: ['totp_pending'] } },
      schema: { tags: ['auth'], summary: 'Second facteur (code TOTP)', body: z.strictObject({ code: ZTotpCode }), response: { 200: z.object({ stage: ZStage }) } },
    },
    async (request, reply) => {
      const s = request.session!;
      const meta = requestMeta(request);
      const token = await verifySecondFactor(deps.database.db, deps.secretBox, { organizationId: s.organizationId, staffMemberId: s.staffMemberId, sessionId: s.sessionId, ip: meta.ip, requestId: meta.requestId }, request.body.code);
      setSessionCookie(request, reply, deps, token);
      return { stage: 'active' as const };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    { config: { access: anyStage }, schema: { tags: ['auth'], summary: 'Déconnexion' } },
    async (request, reply) => {
      await asActor(deps, request, signOut);
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/session',
    { config: { access: anyStage }, schema: { tags: ['auth'], summary: 'Session en cours', response: { 200: ZSessionView } } },
    async (request) => {
      const s = request.session!;
      return {
        stage: s.stage,
        csrfToken: s.csrfToken,
        staffMember: { id: s.staffMemberId, firstName: s.firstName, lastName: s.lastName, email: s.email, locale: s.locale, twoFactorEnabled: s.twoFactorEnabled },
        organization: { id: s.organizationId, name: s.organizationName, timeZone: s.organizationTimeZone, requireTwoFactor: s.requireTwoFactor },
        roles: s.roleCodes,
        permissions: s.permissions,
      };
    },
  );

  app.patch(
    '/api/v1/me/preferences',
    { config: { access: anyStage }, schema: { tags: ['account'], summary: 'Préférences (langue)', body: z.strictObject({ locale: ZLocale }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updatePreferences(ctx, request.body));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['account'],
        summary: 'Changer de mot de passe (les autres sessions sont fermées)',
        body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: ZPassword }),
      },
    },
    async (request, reply) => {
      const { token } = await asActor(deps, request, (ctx) => changePassword(ctx, request.body));
      setSessionCookie(request, reply, deps, token);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/two-factor/enrolment',
    {
      config: { access: enrolmentStages },
      schema: { tags: ['account'], summary: 'Commencer l’activation de la double authentification', response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), qrCodeSvg: z.string() }) } },
    },
    async (request) => asActor(deps, request, (ctx) => enrolTwoFactor(ctx, deps.secretBox)),
  );

  app.post(
    '/api/v1/me/two-factor/confirmation',
    { config: { access: enrolmentStages }, schema: { tags: ['account'], summary: 'Confirmer la double authentification', body: z.strictObject({ code: ZTotpCode }) } },
    async (request, reply) => {
      const stage = request.session!.stage === 'totp_enrollment' ? 'totp_enrollment' : 'active';
      const { token } = await asActor(deps, request, (ctx) => confirmTwoFactor(ctx, deps.secretBox, request.body.code, stage));
      setSessionCookie(request, reply, deps, token);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/two-factor/deactivation',
    { schema: { tags: ['account'], summary: 'Désactiver la double authentification', body: z.strictObject({ password: z.string().min(1).max(256), code: ZTotpCode }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => disableTwoFactor(ctx, deps.secretBox, request.body));
      return reply.status(204).send();
    },
  );
}
