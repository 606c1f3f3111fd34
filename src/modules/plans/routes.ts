import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { todayIn } from '../../lib/time.js';
import { ZOptionalText, ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { listDeadlines, listSituationChanges, readEpisodeDeadlines, recordSituationChange } from './list-deadlines.js';
import { createAssessment, createAssessmentTemplate, listAssessmentTemplates, listEpisodeAssessments, updateAssessment, updateAssessmentTemplate } from './manage-assessments.js';
import { generateContract, listDocumentTemplates, listEpisodeContracts, markContractHandedOver, recordContractAgreement, updateDocumentTemplate } from './manage-contracts.js';
import { activatePlanVersion, comparePlanVersions, proposePlanVersion, readEpisodePlan, readPlanVersion, recordPlanAgreement, recordPlanEvaluation } from './manage-plan.js';

import { contractPdf, planVersionPdf } from './plan-documents.js';
import { savePlanVersion } from './save-plan-version.js';
import { actionStatuses, agreementParties, contractKinds, goalProposers, lifeDomains, questionTypes } from './schema.js';

const ZDay = z.iso.date();
const ZText = (max: number) => z.string().trim().min(1).max(max);
const ZLevel = z.union([z.literal(-2), z.literal(-1), z.literal(0), z.literal(1), z.literal(2)]);
const ZParticipant = z.strictObject({
  kind: z.enum(['person', 'relative', 'staff', 'other']),
  relativeId: ZUuid.nullable().optional(),
  staffMemberId: ZUuid.nullable().optional(),
  disciplineId: ZUuid.nullable().optional(),
  name: ZOptionalText(150),
});
const ZAction = z.strictObject({
  id: ZUuid.optional(),
  who: z.strictObject({
    kind: z.enum(['staff', 'discipline', 'partner', 'person', 'relative']),
    staffMemberId: ZUuid.nullable().optional(),
    disciplineId: ZUuid.nullable().optional(),
    partnerId: ZUuid.nullable().optional(),
    relativeId: ZUuid.nullable().optional(),
  }),
  what: ZText(1000),
  frequency: ZOptionalText(200),
  startOn: ZDay.nullable().optional(),
  endOn: ZDay.nullable().optional(),
  status: z.enum(actionStatuses).optional(),
});
const ZGoal = z.strictObject({
  id: ZUuid.optional(),
  personWording: ZText(1000),
  professionalWording: ZOptionalText(1000),
  domain: z.enum(lifeDomains),
  proposedBy: z.enum(goalProposers),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  targetOn: ZDay.nullable().optional(),
  autonomyAim: ZText(1000),
  // Each of the five levels is described when the goal is set.
  scale: z.strictObject({ '-2': ZText(500), '-1': ZText(500), '0': ZText(500), '1': ZText(500), '2': ZText(500) }),
  weight: z.number().int().min(1).max(10).optional(),
  actions: z.array(ZAction).max(30).optional(),
});
const ZContent = z.strictObject({ summary: ZOptionalText(4000), goals: z.array(ZGoal).max(30) });
const ZAgreement = z.strictObject({
  party: z.enum(agreementParties),
  outcome: z.enum(['signed', 'refused']),
  relativeId: ZUuid.nullable().optional(),
  signerName: ZOptionalText(150),
  refusalNote: ZOptionalText(2000),
  signatureImage: z.string().max(400_000).nullable().optional(),
  signedOn: ZDay,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
const ZSection = z.strictObject({
  id: z.string().min(1).max(60).optional(),
  title: ZText(200),
  questions: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(60).optional(),
        label: ZText(500),
        type: z.enum(questionTypes),
        options: z.array(ZText(200)).max(20).optional(),
        scale: z.strictObject({ min: z.number().int().min(0).max(10), max: z.number().int().min(1).max(10), minLabel: ZText(100), maxLabel: ZText(100) }).optional(),
      }),
    )
    .min(1)
    .max(50),
});
const ZAnswers = z.record(z.string().max(60), z.union([z.string().max(4000), z.array(z.string().max(200)).max(20), z.number(), z.null()]));
const ZAssessmentFields = z.strictObject({
  answers: ZAnswers,
  expectations: ZOptionalText(4000),
  strengths: ZOptionalText(4000),
  obstacles: ZOptionalText(4000),
  participants: z.array(ZParticipant).max(30),
  assessedOn: ZDay,
});
const episodeParams = z.strictObject({ episodeId: ZUuid });
const versionParams = z.strictObject({ versionId: ZUuid });
const contractParams = z.strictObject({ contractId: ZUuid });

export function planRoutes(app: RelaisApp, deps: RouteDeps): void {
  const today = (request: { session?: { organizationTimeZone: string } | null }) => todayIn(request.session!.organizationTimeZone);

  // Templates
  app.get(
    '/api/v1/assessment-templates',
    { schema: { tags: ['plans'], summary: 'Modèles de diagnostic de la structure (archivés sur demande)', querystring: z.strictObject({ includeArchived: z.enum(['true', 'false']).default('false') }) } },
    async (request) => asActor(deps, request, (ctx) => listAssessmentTemplates(ctx, { includeArchived: request.query.includeArchived === 'true' })),
  );
  app.post(
    '/api/v1/assessment-templates',
    { config: { idempotent: true }, schema: { tags: ['plans'], summary: 'Créer un modèle de diagnostic', body: z.strictObject({ name: ZText(200), sections: z.array(ZSection).min(1).max(30) }), response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => createAssessmentTemplate(ctx, request.body))),
  );
  app.patch(
    '/api/v1/assessment-templates/:templateId',
    { schema: { tags: ['plans'], summary: 'Modifier ou archiver un modèle de diagnostic', params: z.strictObject({ templateId: ZUuid }), body: z.strictObject({ name: ZText(200).optional(), sections: z.array(ZSection).min(1).max(30).optional(), archived: z.boolean().optional() }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updateAssessmentTemplate(ctx, request.params.templateId, request.body));
      return reply.status(204).send();
    },
  );
  app.get('/api/v1/document-templates', { schema: { tags: ['plans'], summary: 'Modèles de contrat de séjour et de DIPC' } }, async (request) => asActor(deps, request, listDocumentTemplates));
  app.put(
    '/api/v1/document-templates/:kind',
    { schema: { tags: ['plans'], summary: 'Modifier le modèle de contrat ou de DIPC', params: z.strictObject({ kind: z.enum(contractKinds) }), body: z.strictObject({ title: ZText(200), body: ZText(50_000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updateDocumentTemplate(ctx, request.params.kind, request.body));
      return reply.status(204).send();
    },
  );

  // Assessments
  app.get('/api/v1/episodes/:episodeId/assessments', { schema: { tags: ['plans'], summary: 'Diagnostics de la prise en charge', params: episodeParams } }, async (request) =>
    asActor(deps, request, (ctx) => listEpisodeAssessments(ctx, request.params.episodeId)),
  );
  app.post(
    '/api/v1/episodes/:episodeId/assessments',
    { config: { idempotent: true }, schema: { tags: ['plans'], summary: 'Enregistrer un diagnostic', params: episodeParams, body: ZAssessmentFields.extend({ templateId: ZUuid }), response: { 201: z.object({ id: z.uuid(), revision: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => createAssessment(ctx, request.params.episodeId, request.body))),
  );
  app.patch(
    '/api/v1/assessments/:assessmentId',
    { schema: { tags: ['plans'], summary: 'Modifier un diagnostic (412 si quelqu’un l’a modifié entre-temps)', params: z.strictObject({ assessmentId: ZUuid }), body: ZAssessmentFields.partial().extend({ revision: z.number().int().min(1) }), response: { 200: z.object({ revision: z.number() }) } } },
    async (request) => asActor(deps, request, (ctx) => updateAssessment(ctx, request.params.assessmentId, request.body)),
  );

  // Plan
  app.get('/api/v1/episodes/:episodeId/plan', { schema: { tags: ['plans'], summary: 'Le projet personnalisé : versions, contenu, accords, évaluations, progression', params: episodeParams } }, async (request) =>
    asActor(deps, request, (ctx) => readEpisodePlan(ctx, request.params.episodeId)),
  );
  app.post(
    '/api/v1/episodes/:episodeId/plan/versions',
    {
      // A save retried after a lost answer gets the first answer, not a 412 naming its own author.
      config: { idempotent: true },
      schema: {
        tags: ['plans'],
        summary: 'Enregistrer une nouvelle version du projet (basedOn : la version de départ ; 412 si une autre version a été enregistrée entre-temps)',
        params: episodeParams,
        body: z.strictObject({ basedOn: z.number().int().min(1).nullable(), content: ZContent, changeNote: ZOptionalText(1000) }),
        response: { 201: z.object({ planId: z.uuid(), versionId: z.uuid(), number: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => savePlanVersion(ctx, request.params.episodeId, request.body))),
  );
  app.get('/api/v1/plan-versions/:versionId', { schema: { tags: ['plans'], summary: 'Une version du projet', params: versionParams } }, async (request) =>
    asActor(deps, request, (ctx) => readPlanVersion(ctx, request.params.versionId)),
  );
  app.get(
    '/api/v1/plan-versions/:versionId/changes',
    { schema: { tags: ['plans'], summary: 'Ce qui a changé depuis une autre version', params: versionParams, querystring: z.strictObject({ from: ZUuid }) } },
    async (request) => asActor(deps, request, (ctx) => comparePlanVersions(ctx, request.query.from, request.params.versionId)),
  );
  app.post('/api/v1/plan-versions/:versionId/propose', { schema: { tags: ['plans'], summary: 'Proposer la version à la personne', params: versionParams } }, async (request, reply) => {
    await asActor(deps, request, (ctx) => proposePlanVersion(ctx, request.params.versionId));
    return reply.status(204).send();
  });
  app.post(
    '/api/v1/plan-versions/:versionId/agreements',
    { config: { idempotent: true }, schema: { tags: ['plans'], summary: 'Accord (signature) ou refus de signer, lié à la version exacte', params: versionParams, body: ZAgreement, response: { 201: z.object({ status: z.string() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => recordPlanAgreement(ctx, request.params.versionId, request.body))),
  );
  app.post(
    '/api/v1/plan-versions/:versionId/activate',
    { schema: { tags: ['plans'], summary: 'Mettre en œuvre une version validée', params: versionParams, body: z.strictObject({ activeFrom: ZDay }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => activatePlanVersion(ctx, request.params.versionId, request.body));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/plan-versions/:versionId/evaluations',
    {
      config: { idempotent: true },
      schema: {
        tags: ['plans'],
        summary: 'Évaluer les objectifs de la version en vigueur',
        params: versionParams,
        body: z.strictObject({
          evaluatedOn: ZDay,
          scores: z.array(z.strictObject({ goalId: ZUuid, level: ZLevel, comment: ZOptionalText(1000) })).min(1).max(30),
          personView: ZOptionalText(4000),
          comments: ZOptionalText(4000),
          participants: z.array(ZParticipant).max(30),
        }),
        response: { 201: z.object({ id: z.uuid(), tScore: z.number().nullable() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => recordPlanEvaluation(ctx, request.params.versionId, request.body))),
  );

  const sendPdf = (reply: FastifyReply, document: { filename: string; pdf: Uint8Array }) =>
    reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${document.filename}"`).header('cache-control', 'no-store').send(Buffer.from(document.pdf));
  app.get(
    '/api/v1/plan-versions/:versionId/document',
    { schema: { tags: ['plans'], summary: 'Le projet personnalisé en PDF (version exacte)', params: versionParams, querystring: z.strictObject({ lang: z.enum(['fr', 'en']).optional() }) } },
    async (request, reply) => sendPdf(reply, await asActor(deps, request, (ctx) => planVersionPdf(ctx, request.params.versionId, request.query.lang ?? request.session!.locale))),
  );
  app.get(
    '/api/v1/contracts/:contractId/document',
    { schema: { tags: ['plans'], summary: 'Le contrat de séjour ou DIPC en PDF', params: contractParams, querystring: z.strictObject({ lang: z.enum(['fr', 'en']).optional() }) } },
    async (request, reply) => sendPdf(reply, await asActor(deps, request, (ctx) => contractPdf(ctx, request.params.contractId, request.query.lang ?? request.session!.locale))),
  );

  // Contract of stay / DIPC
  app.get('/api/v1/episodes/:episodeId/contracts', { schema: { tags: ['plans'], summary: 'Contrat de séjour ou DIPC : versions et signatures', params: episodeParams } }, async (request) =>
    asActor(deps, request, (ctx) => listEpisodeContracts(ctx, request.params.episodeId)),
  );
  app.post(
    '/api/v1/episodes/:episodeId/contracts',
    { config: { idempotent: true }, schema: { tags: ['plans'], summary: 'Générer le contrat ou le DIPC à partir du modèle', params: episodeParams, body: z.strictObject({ kind: z.enum(contractKinds) }), response: { 201: z.object({ id: z.uuid(), number: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => generateContract(ctx, request.params.episodeId, { kind: request.body.kind, today: today(request) }))),
  );
  app.post('/api/v1/contracts/:contractId/handed-over', { schema: { tags: ['plans'], summary: 'Contrat remis à la personne', params: contractParams, body: z.strictObject({ on: ZDay }) } }, async (request, reply) => {
    await asActor(deps, request, (ctx) => markContractHandedOver(ctx, request.params.contractId, request.body));
    return reply.status(204).send();
  });
  app.post(
    '/api/v1/contracts/:contractId/agreements',
    { config: { idempotent: true }, schema: { tags: ['plans'], summary: 'Signature (ou refus) du contrat', params: contractParams, body: ZAgreement, response: { 201: z.object({ signed: z.boolean() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => recordContractAgreement(ctx, request.params.contractId, request.body))),
  );

  // Deadlines and changes of situation
  app.post(
    '/api/v1/episodes/:episodeId/situation-changes',
    { schema: { tags: ['plans'], summary: 'Noter un changement de situation (le projet sera revu dans le mois)', params: episodeParams, body: z.strictObject({ notedOn: ZDay, note: ZText(2000) }), response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => recordSituationChange(ctx, request.params.episodeId, request.body))),
  );
  app.get('/api/v1/episodes/:episodeId/situation-changes', { schema: { tags: ['plans'], summary: 'Changements de situation notés', params: episodeParams } }, async (request) =>
    asActor(deps, request, (ctx) => listSituationChanges(ctx, request.params.episodeId)),
  );
  app.get('/api/v1/episodes/:episodeId/deadlines', { schema: { tags: ['plans'], summary: 'Échéances de la prise en charge', params: episodeParams } }, async (request) =>
    asActor(deps, request, (ctx) => readEpisodeDeadlines(ctx, request.params.episodeId, today(request))),
  );
  app.get(
    '/api/v1/deadlines',
    {
      schema: {
        tags: ['plans'],
        summary: 'Échéances à venir et dépassées (les miennes, ou toute la structure)',
        querystring: z.strictObject({ scope: z.enum(['mine', 'structure']).default('mine'), status: z.enum(['overdue', 'due_soon', 'upcoming']).optional(), withinDays: z.coerce.number().int().min(0).max(365).default(30), limit: z.coerce.number().int().min(1).max(500).default(200) }),
      },
    },
    async (request) => asActor(deps, request, (ctx) => listDeadlines(ctx, { ...request.query, today: today(request) })),
  );
}
