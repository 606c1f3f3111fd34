import { z } from 'zod';
import { ZEmail, ZLocale, ZName, ZToken, ZUuid } from '../../lib/zod-fields.js';
import { asActor, requestMeta, setSessionCookie } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { ZPassword } from '../identity/passwords.js';
import { acceptInvitation, describeInvitation } from './accept-invitation.js';
import { inviteStaffMember } from './invite-staff-member.js';
import { listStaff, listStaffDirectory } from './list-staff.js';
import { deactivateStaffMember } from './deactivate-staff-member.js';
import { reactivateStaffMember } from './reactivate-staff-member.js';
import { revokeInvitation } from './revoke-invitation.js';
import { updateStaffMember } from './update-staff-member.js';

const ZIds = z.array(ZUuid).max(20);
const ZStaffParams = z.strictObject({ staffMemberId: ZUuid });

export function staffRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Administration du personnel : comptes et invitations en attente',
        response: {
          200: z.object({
            staff: z.array(z.object({ id: z.uuid(), email: z.string(), firstName: z.string(), lastName: z.string(), status: z.enum(['active', 'deactivated']), twoFactorEnabled: z.boolean(), roleIds: z.array(z.uuid()), disciplineIds: z.array(z.uuid()), createdAt: z.string() })),
            invitations: z.array(z.object({ id: z.uuid(), email: z.string(), firstName: z.string(), lastName: z.string(), roleIds: z.array(z.uuid()), disciplineIds: z.array(z.uuid()), expiresAt: z.string() })),
          }),
        },
      },
    },
    async (request) => asActor(deps, request, listStaff),
  );

  app.get(
    '/api/v1/staff/directory',
    { schema: { tags: ['staff'], summary: 'Annuaire des professionnels actifs', response: { 200: z.array(z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), disciplineIds: z.array(z.uuid()) })) } } },
    async (request) => asActor(deps, request, listStaffDirectory),
  );

  app.post(
    '/api/v1/staff/invitations',
    {
      schema: {
        tags: ['staff'],
        summary: 'Inviter un professionnel (lien à usage unique, valable 7 jours)',
        body: z.strictObject({ email: ZEmail, firstName: ZName, lastName: ZName, roleIds: ZIds.min(1), disciplineIds: ZIds.default([]) }),
        response: { 201: z.object({ invitationId: z.uuid(), link: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await asActor(deps, request, (ctx) => inviteStaffMember(ctx, request.body));
      // The token travels in the fragment: browsers never send it to a server, so no log holds it.
      return reply.status(201).send({ invitationId: created.invitationId, link: `${deps.publicUrl}/invitation#${created.token}`, expiresAt: created.expiresAt });
    },
  );

  app.delete(
    '/api/v1/staff/invitations/:invitationId',
    { schema: { tags: ['staff'], summary: 'Révoquer une invitation', params: z.strictObject({ invitationId: ZUuid }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => revokeInvitation(ctx, request.params.invitationId));
      return reply.status(204).send();
    },
  );

  app.patch(
    '/api/v1/staff/:staffMemberId',
    {
      schema: {
        tags: ['staff'],
        summary: 'Rôles et disciplines d’un professionnel',
        params: ZStaffParams,
        body: z.strictObject({ roleIds: ZIds.min(1).optional(), disciplineIds: ZIds.optional() }),
      },
    },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updateStaffMember(ctx, request.params.staffMemberId, request.body));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/staff/:staffMemberId/deactivation',
    { schema: { tags: ['staff'], summary: 'Désactiver un compte (ses sessions sont fermées)', params: ZStaffParams } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => deactivateStaffMember(ctx, request.params.staffMemberId));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/staff/:staffMemberId/reactivation',
    { schema: { tags: ['staff'], summary: 'Réactiver un compte', params: ZStaffParams } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => reactivateStaffMember(ctx, request.params.staffMemberId));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/invitations/lookup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['staff'],
        summary: 'Lire une invitation (avant de choisir un mot de passe)',
        body: z.strictObject({ token: ZToken }),
        response: { 200: z.object({ organizationName: z.string(), email: z.string(), firstName: z.string(), lastName: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request) => describeInvitation(deps.database.db, request.body.token),
  );

  app.post(
    '/api/v1/invitations/acceptance',
    {
      config: { access: 'public' },
      schema: {
        tags: ['staff'],
        summary: 'Accepter une invitation : créer son compte',
        body: z.strictObject({ token: ZToken, password: ZPassword, locale: ZLocale.default('fr') }),
        response: { 201: z.object({ stage: z.enum(['active', 'totp_pending', 'totp_enrollment']) }) },
      },
    },
    async (request, reply) => {
      const result = await acceptInvitation(deps.database.db, request.body, requestMeta(request), deps.session);
      setSessionCookie(request, reply, deps, result.session.token);
      return reply.status(201).send({ stage: result.session.stage });
    },
  );
}
