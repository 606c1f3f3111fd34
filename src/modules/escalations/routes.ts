import { z } from 'zod';
import { ZOptionalText, ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { journalEntryKinds } from '../journal/schema.js';
import { readEscalationSettings, updateEscalationSettings } from './manage-escalation-settings.js';
import { raiseEscalation } from './raise-escalation.js';
import { listEscalationAddressees, listMyEscalations, listPersonEscalations, readEscalation } from './read-escalations.js';
import { acknowledgeEscalation, addEscalationFollowUp, closeEscalation } from './respond-to-escalation.js';
import { escalationSeverities, escalationStatuses } from './schema.js';

const tags = ['escalations'];
// Up to 30 days: beyond that an escalation is no longer one.
const ZDelay = z.number().int().min(1).max(30 * 24 * 60);
const ZSettingsInput = z.strictObject({
  acknowledgementMinutes: z.strictObject({ information: ZDelay, concern: ZDelay, urgent: ZDelay, emergency: ZDelay }),
  chain: z
    .array(ZUuid)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Chaque professionnel ne figure qu’une fois dans la chaîne.' }),
  safetyProcedure: ZOptionalText(10_000),
});
const ZSettings = z.object({
  acknowledgementMinutes: z.object({ information: z.number(), concern: z.number(), urgent: z.number(), emergency: z.number() }),
  chain: z.array(z.object({ staffMemberId: z.uuid(), name: z.string(), active: z.boolean() })),
  safetyProcedure: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
const ZStaffRef = z.object({ id: z.uuid(), name: z.string() });
const ZEmergency = z.object({ numbers: z.array(z.object({ number: z.string(), label: z.object({ fr: z.string(), en: z.string() }) })), safetyProcedure: z.string().nullable() }).nullable();
const ZEscalation = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personLabel: z.string(),
  episodeId: z.uuid(),
  entryId: z.uuid(),
  severity: z.enum(escalationSeverities),
  status: z.enum(escalationStatuses),
  contentVisible: z.boolean(),
  request: z.string().nullable(),
  entry: z.object({ kind: z.enum(journalEntryKinds), text: z.string(), occurredAt: z.string() }).nullable(),
  followUp: z.string().nullable(),
  addressee: ZStaffRef,
  assignee: ZStaffRef,
  raisedBy: ZStaffRef,
  raisedAt: z.string(),
  acknowledgeBy: z.string(),
  overdue: z.boolean(),
  chainLevel: z.number(),
  acknowledgedBy: ZStaffRef.nullable(),
  acknowledgedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  canAcknowledge: z.boolean(),
  canFollowUp: z.boolean(),
  canClose: z.boolean(),
});
const ZDetail = ZEscalation.extend({
  events: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['raised', 'climbed', 'acknowledged', 'follow_up', 'closed']),
      actor: ZStaffRef.nullable(),
      assignee: ZStaffRef.nullable(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
  emergency: ZEmergency,
});
const ZParams = z.strictObject({ escalationId: ZUuid });
const ZText = (max: number) => z.string().trim().min(1).max(max);

export function escalationRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get('/api/v1/escalations/settings', { schema: { tags, summary: 'Réglages des signalements : délais de prise en compte, chaîne, procédure de sécurité', response: { 200: ZSettings } } }, async (request) =>
    asActor(deps, request, readEscalationSettings),
  );
  app.put(
    '/api/v1/escalations/settings',
    { schema: { tags, summary: 'Modifier les délais (minutes par gravité), la chaîne (ordre) et la procédure de sécurité', body: ZSettingsInput, response: { 200: ZSettings } } },
    async (request) => asActor(deps, request, (ctx) => updateEscalationSettings(ctx, request.body)),
  );
  app.get(
    '/api/v1/escalations/addressees',
    {
      schema: {
        tags,
        summary: 'Professionnels qui reçoivent les signalements (et s’ils sont dans l’équipe de la personne)',
        querystring: z.strictObject({ personId: ZUuid.optional() }),
        response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), onCareTeam: z.boolean() })) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listEscalationAddressees(ctx, request.query.personId)),
  );
  app.post(
    '/api/v1/escalations',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Signaler à une référence clinique à partir d’une observation du journal (en urgence : numéros et procédure renvoyés)',
        body: z.strictObject({ entryId: ZUuid, severity: z.enum(escalationSeverities), addresseeId: ZUuid, request: ZText(4000) }),
        response: { 201: ZEscalation.extend({ emergency: ZEmergency }) },
      },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => raiseEscalation(ctx, request.body))),
  );
  app.get(
    '/api/v1/escalations/mine',
    { schema: { tags, summary: 'Mes signalements : à traiter (adressés ou remontés à moi) et envoyés', response: { 200: z.object({ toHandle: z.array(ZEscalation), raised: z.array(ZEscalation) }) } } },
    async (request) => asActor(deps, request, listMyEscalations),
  );
  app.get(
    '/api/v1/people/:personId/escalations',
    { schema: { tags, summary: 'Les signalements concernant une personne (son équipe)', params: z.strictObject({ personId: ZUuid }), response: { 200: z.array(ZEscalation) } } },
    async (request) => asActor(deps, request, (ctx) => listPersonEscalations(ctx, request.params.personId)),
  );
  app.get('/api/v1/escalations/:escalationId', { schema: { tags, summary: 'Un signalement et son historique', params: ZParams, response: { 200: ZDetail } } }, async (request) =>
    asActor(deps, request, (ctx) => readEscalation(ctx, request.params.escalationId)),
  );
  app.post(
    '/api/v1/escalations/:escalationId/acknowledgement',
    { schema: { tags, summary: 'Prendre en compte le signalement (arrête sa remontée dans la chaîne)', params: ZParams, body: z.strictObject({ note: ZOptionalText(4000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => acknowledgeEscalation(ctx, request.params.escalationId, request.body));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/escalations/:escalationId/follow-ups',
    { schema: { tags, summary: 'Ajouter une suite (note datée, non modifiable)', params: ZParams, body: z.strictObject({ note: ZText(4000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => addEscalationFollowUp(ctx, request.params.escalationId, request.body));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/escalations/:escalationId/closure',
    { schema: { tags, summary: 'Clore le signalement en consignant la suite donnée', params: ZParams, body: z.strictObject({ followUp: ZText(4000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => closeEscalation(ctx, request.params.escalationId, request.body));
      return reply.status(204).send();
    },
  );
}
