import { z } from 'zod';
import { todayIn } from '../../lib/time.js';
import { ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { createPartner, listPartners, readPartner, setPartnerArchived, updatePartner } from './manage-partners.js';
import { partnerKinds } from './schema.js';

const ZContact = z.strictObject({
  name: z.string().trim().min(1).max(150),
  role: z.string().trim().max(150).nullable().optional().transform((v) => v ?? null),
  email: z.email().max(254).nullable().optional().transform((v) => v ?? null),
  phone: z.string().trim().regex(/^[+0-9 ().-]{6,25}$/).nullable().optional().transform((v) => v ?? null),
});
const ZPartnerFields = z.strictObject({
  name: z.string().trim().min(2).max(200),
  kind: z.enum(partnerKinds),
  address: z.string().trim().max(500).nullable().optional(),
  contacts: z.array(ZContact).max(30).optional(),
  agreementStart: z.iso.date().nullable().optional(),
  agreementEnd: z.iso.date().nullable().optional(),
  onsiteWeekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  preferentialRateReference: z.string().trim().max(200).nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
});
const ZPartner = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(partnerKinds),
  address: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), role: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })),
  agreementStart: z.string().nullable(),
  agreementEnd: z.string().nullable(),
  agreementInForce: z.boolean(),
  onsiteWeekdays: z.array(z.number()),
  preferentialRateReference: z.string().nullable(),
  notes: z.string().nullable(),
  archivedAt: z.string().nullable(),
});
const ZPartnerParams = z.strictObject({ partnerId: ZUuid });

export function partnerRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/partners',
    { schema: { tags: ['partners'], summary: 'Les structures partenaires', querystring: z.strictObject({ includeArchived: z.enum(['true', 'false']).default('false') }), response: { 200: z.array(ZPartner) } } },
    async (request) =>
      asActor(deps, request, (ctx) => listPartners(ctx, { includeArchived: request.query.includeArchived === 'true', today: todayIn(request.session!.organizationTimeZone) })),
  );
  app.post(
    '/api/v1/partners',
    { config: { idempotent: true }, schema: { tags: ['partners'], summary: 'Ajouter une structure partenaire', body: ZPartnerFields, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => createPartner(ctx, request.body))),
  );
  app.patch(
    '/api/v1/partners/:partnerId',
    { schema: { tags: ['partners'], summary: 'Modifier une structure partenaire', params: ZPartnerParams, body: ZPartnerFields.partial() } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updatePartner(ctx, request.params.partnerId, request.body));
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/partners/:partnerId',
    { schema: { tags: ['partners'], summary: 'Une structure partenaire', params: ZPartnerParams, response: { 200: ZPartner } } },
    async (request) => asActor(deps, request, (ctx) => readPartner(ctx, request.params.partnerId, todayIn(request.session!.organizationTimeZone))),
  );
  app.post(
    '/api/v1/partners/:partnerId/archive',
    { schema: { tags: ['partners'], summary: 'Archiver une structure partenaire', params: ZPartnerParams } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => setPartnerArchived(ctx, request.params.partnerId, true));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/partners/:partnerId/restore',
    { schema: { tags: ['partners'], summary: 'Rétablir une structure partenaire archivée', params: ZPartnerParams } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => setPartnerArchived(ctx, request.params.partnerId, false));
      return reply.status(204).send();
    },
  );
}
