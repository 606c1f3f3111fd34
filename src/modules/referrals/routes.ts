import { z } from 'zod';
import { ZBirthDate, ZEmail, ZName, ZOptionalText, ZPhone, ZUuid } from '../../lib/zod-fields.js';
import { asActor, requestMeta } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { listReferralInbox } from './list-referral-inbox.js';
import { linkReferralPerson, withdrawReferral } from './manage-referral.js';
import { readReferral } from './read-referral.js';
import { recordReferral } from './record-referral.js';
import { referralChannels, referralSources, referralStatuses, urgencies } from './schema.js';
import { readSelfReferralForm, submitSelfReferral } from './submit-self-referral.js';
import { serviceKinds } from '../services/schema.js';

const ZReason = z.string().trim().min(3).max(4000);
const ZReferralParams = z.strictObject({ referralId: ZUuid });
const ZReferralFields = z.strictObject({
  source: z.enum(referralSources),
  partnerId: ZUuid.nullable().optional(),
  referrerName: ZOptionalText(150),
  referrerRole: ZOptionalText(150),
  referrerEmail: ZEmail.nullable().optional(),
  referrerPhone: ZPhone,
  firstName: ZName,
  lastName: ZName,
  birthDate: ZBirthDate.nullable().optional(),
  email: ZEmail.nullable().optional(),
  phone: ZPhone,
  serviceId: ZUuid.nullable().optional(),
  reason: ZReason,
  urgency: z.enum(urgencies),
  consentToShare: z.boolean(),
});
const ZInboxItem = z.object({
  id: z.uuid(),
  displayName: z.string(),
  personId: z.uuid().nullable(),
  source: z.enum(referralSources),
  channel: z.enum(referralChannels),
  referrerName: z.string().nullable(),
  partnerName: z.string().nullable(),
  serviceId: z.uuid().nullable(),
  serviceName: z.string().nullable(),
  urgency: z.enum(urgencies),
  consentToShare: z.boolean(),
  status: z.enum(referralStatuses),
  receivedAt: z.string(),
});
const ZReferral = z.object({
  id: z.uuid(),
  reference: z.string(),
  source: z.enum(referralSources),
  channel: z.enum(referralChannels),
  partnerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
  referrerName: z.string().nullable(),
  referrerRole: z.string().nullable(),
  referrerEmail: z.string().nullable(),
  referrerPhone: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  personId: z.uuid().nullable(),
  personDisplayName: z.string().nullable(),
  serviceId: z.uuid().nullable(),
  serviceName: z.string().nullable(),
  reason: z.string(),
  urgency: z.enum(urgencies),
  consentToShare: z.boolean(),
  status: z.enum(referralStatuses),
  withdrawalNote: z.string().nullable(),
  receivedAt: z.string(),
  recordedByName: z.string().nullable(),
});
const ZPublicParams = z.strictObject({ organizationId: ZUuid });

export function referralRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Demandes reçues (rôles qui orientent) : les plus urgentes puis les plus anciennes',
        querystring: z.strictObject({
          status: z.enum(['open', 'all', ...referralStatuses]).default('open'),
          serviceId: ZUuid.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(100),
        }),
        response: { 200: z.object({ items: z.array(ZInboxItem), hasMore: z.boolean() }) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listReferralInbox(ctx, request.query)),
  );

  app.post(
    '/api/v1/referrals',
    { config: { idempotent: true }, schema: { tags: ['referrals'], summary: 'Enregistrer une demande reçue (partenaire, médecin, proche, personne)', body: ZReferralFields, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => recordReferral(ctx, request.body))),
  );

  app.get(
    '/api/v1/referrals/:referralId',
    { schema: { tags: ['referrals'], summary: 'Une demande, telle que reçue', params: ZReferralParams, response: { 200: ZReferral } } },
    async (request) => asActor(deps, request, (ctx) => readReferral(ctx, request.params.referralId)),
  );

  app.post(
    '/api/v1/referrals/:referralId/person',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Rattacher la demande à un dossier existant (de mon équipe) ou ouvrir un dossier à partir de la demande',
        params: ZReferralParams,
        body: z.union([z.strictObject({ personId: ZUuid }), z.strictObject({ createRecord: z.literal(true), duplicatesAcknowledged: z.boolean().optional() })]),
        response: { 200: z.object({ personId: z.uuid() }) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => linkReferralPerson(ctx, request.params.referralId, request.body)),
  );

  app.post(
    '/api/v1/referrals/:referralId/withdraw',
    { schema: { tags: ['referrals'], summary: 'Retirer une demande (la personne ne la maintient pas, injoignable…)', params: ZReferralParams, body: z.strictObject({ note: z.string().trim().min(3).max(2000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => withdrawReferral(ctx, request.params.referralId, request.body));
      return reply.status(204).send();
    },
  );

  // The public self-referral form: no account, anti-abuse limits in the use case, small bodies only.
  app.get(
    '/api/public/structures/:organizationId/referral-form',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'Formulaire public de demande : nom de la structure et dispositifs proposés',
        params: ZPublicParams,
        response: { 200: z.object({ organizationName: z.string(), services: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(serviceKinds), description: z.string().nullable() })) }) },
      },
    },
    async (request) => readSelfReferralForm(deps.database.db, request.params.organizationId, requestMeta(request)),
  );

  app.post(
    '/api/public/structures/:organizationId/referrals',
    {
      config: { access: 'public' },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['public'],
        summary: 'Envoyer une demande d’accompagnement (pour soi ou pour un proche), sans compte',
        params: ZPublicParams,
        body: z.strictObject({
          submissionId: ZUuid,
          forWhom: z.enum(['self', 'relative']),
          firstName: ZName,
          lastName: ZName,
          birthDate: ZBirthDate.nullable().optional(),
          email: ZEmail.nullable().optional(),
          phone: ZPhone,
          submitterName: ZOptionalText(150),
          submitterRelationship: ZOptionalText(100),
          submitterEmail: ZEmail.nullable().optional(),
          submitterPhone: ZPhone,
          serviceId: ZUuid.nullable().optional(),
          reason: ZReason,
          urgency: z.enum(urgencies),
          consentToShare: z.boolean(),
          website: z.string().max(200).optional(),
        }),
        response: { 202: z.object({ reference: z.string() }) },
      },
    },
    async (request, reply) => reply.status(202).send(await submitSelfReferral(deps.database.db, request.params.organizationId, request.body, requestMeta(request))),
  );
}
