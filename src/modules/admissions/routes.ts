import { z } from 'zod';
import { todayIn } from '../../lib/time.js';
import { ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { decideAdmission, emergencyNumbers } from './decide-admission.js';
import { decisionLetter, listReferralDecisions } from './list-decisions.js';
import { changeEpisodePhase, endEpisode, listPersonEpisodes, readEpisode, updateEpisode } from './manage-episode.js';
import { leaveWaitlist, listWaitlist, offerPlace, respondToOffer } from './manage-waitlist.js';
import { readCapacityBoard } from './read-capacity-board.js';
import { decisionOutcomes, episodeEndReasons, orientationTargets, waitlistStatuses } from './schema.js';

const ZDay = z.iso.date();
const ZNote = (max: number) => z.string().trim().max(max).nullable().optional();
const ZAdmission = z.strictObject({
  referentId: ZUuid,
  referentDisciplineId: ZUuid.nullable().optional(),
  coordinatorId: ZUuid,
  startedOn: ZDay,
  plannedEndOn: ZDay.nullable().optional(),
  phaseCode: z.string().max(60).nullable().optional(),
  members: z.array(z.strictObject({ staffMemberId: ZUuid, disciplineId: ZUuid.nullable().optional() })).max(30).optional(),
});
const ZCapacity = z.object({ serviceActive: z.number(), serviceLimit: z.number().nullable(), referentActive: z.number().nullable(), referentLimit: z.number().nullable(), waitlistLength: z.number() });
const ZCriterionAnswer = z.object({ criterionId: z.string(), kind: z.enum(['indication', 'safety']), label: z.string(), met: z.boolean(), note: z.string().nullable() });
const ZDecision = z.object({
  id: z.uuid(),
  reference: z.string(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  outcome: z.enum(decisionOutcomes),
  reasons: z.string().nullable(),
  orientationTo: z.enum(orientationTargets).nullable(),
  orientationDetail: z.string().nullable(),
  criteriaAnswers: z.array(ZCriterionAnswer),
  safetyConcern: z.boolean(),
  capacity: ZCapacity,
  capacityOverrideReason: z.string().nullable(),
  waitlistPriority: z.number().nullable(),
  letterRecipient: z.enum(['person', 'referrer']).nullable(),
  supersedesId: z.uuid().nullable(),
  inForce: z.boolean(),
  episodeId: z.uuid().nullable(),
  referentName: z.string().nullable(),
  decidedByName: z.string(),
  decidedAt: z.string(),
});
const ZPhase = z.object({ code: z.string(), label: z.string() });
const ZEpisode = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  phases: z.array(ZPhase),
  referentId: z.uuid(),
  referentName: z.string(),
  coordinatorId: z.uuid(),
  coordinatorName: z.string(),
  phaseCode: z.string().nullable(),
  phaseLabel: z.string().nullable(),
  startedOn: z.string(),
  plannedEndOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.enum(episodeEndReasons).nullable(),
  aftercareNote: z.string().nullable(),
  capacityOverrideReason: z.string().nullable(),
  admission: z.object({ decidedAt: z.string(), decidedByName: z.string(), capacity: ZCapacity }),
  phaseChanges: z.array(
    z.object({ fromPhase: z.string().nullable(), fromLabel: z.string().nullable(), toPhase: z.string(), toLabel: z.string().nullable(), effectiveOn: z.string(), note: z.string().nullable(), changedByName: z.string(), changedAt: z.string() }),
  ),
});
const ZEpisodeParams = z.strictObject({ episodeId: ZUuid });
const ZEntryParams = z.strictObject({ entryId: ZUuid });

export function admissionRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.post(
    '/api/v1/admission-decisions',
    {
      config: { idempotent: true },
      schema: {
        tags: ['admissions'],
        summary: 'Décider sur une demande : admettre, liste d’attente, refuser, orienter (rectifier : supersedesId)',
        body: z.strictObject({
          referralId: ZUuid,
          serviceId: ZUuid,
          outcome: z.enum(decisionOutcomes),
          criteriaAnswers: z.array(z.strictObject({ criterionId: z.string().min(1).max(60), met: z.boolean(), note: ZNote(1000) })).max(100),
          reasons: ZNote(4000),
          orientationTo: z.enum(orientationTargets).nullable().optional(),
          orientationDetail: ZNote(500),
          waitlistPriority: z.number().int().min(1).max(3).nullable().optional(),
          letterRecipient: z.enum(['person', 'referrer']).nullable().optional(),
          supersedesId: ZUuid.nullable().optional(),
          admission: ZAdmission.nullable().optional(),
          capacityOverrideReason: ZNote(2000),
        }),
        response: { 201: z.object({ id: z.uuid(), episodeId: z.uuid().nullable(), waitlistEntryId: z.uuid().nullable() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => decideAdmission(ctx, request.body))),
  );

  app.get(
    '/api/v1/referrals/:referralId/decisions',
    { schema: { tags: ['admissions'], summary: 'Les décisions prises sur une demande (jamais modifiées)', params: z.strictObject({ referralId: ZUuid }), response: { 200: z.array(ZDecision) } } },
    async (request) => asActor(deps, request, (ctx) => listReferralDecisions(ctx, request.params.referralId)),
  );

  app.get(
    '/api/v1/admission-decisions/:decisionId/letter',
    { schema: { tags: ['admissions'], summary: 'Courrier de refus ou d’orientation (PDF)', params: z.strictObject({ decisionId: ZUuid }), querystring: z.strictObject({ lang: z.enum(['fr', 'en']).optional() }) } },
    async (request, reply) => {
      const session = request.session!;
      const letter = await asActor(deps, request, (ctx) => decisionLetter(ctx, request.params.decisionId, request.query.lang ?? session.locale, session.organizationTimeZone));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${letter.filename}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(letter.pdf));
    },
  );

  app.get(
    '/api/v1/admissions/emergency-numbers',
    { schema: { tags: ['admissions'], summary: 'Numéros d’urgence montrés quand un critère de sécurité n’est pas rempli', response: { 200: z.array(z.object({ number: z.string(), label: z.object({ fr: z.string(), en: z.string() }) })) } } },
    async () => emergencyNumbers.map((n) => ({ number: n.number, label: { ...n.label } })),
  );

  app.get(
    '/api/v1/capacity-board',
    {
      schema: {
        tags: ['admissions'],
        summary: 'Tableau des capacités : file active, places, liste d’attente, fins prévues ; orienteurs',
        querystring: z.strictObject({ horizonDays: z.coerce.number().int().min(1).max(365).default(30) }),
        response: {
          200: z.object({
            horizonDays: z.number(),
            services: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                serviceLimit: z.number().nullable(),
                referentLimit: z.number().nullable(),
                exclusive: z.boolean(),
                active: z.number(),
                overridden: z.number(),
                free: z.number().nullable(),
                plannedEnds: z.number(),
                nextPlannedEnd: z.string().nullable(),
                waiting: z.number(),
                offered: z.number(),
                newReferrals: z.number(),
                referents: z.array(z.object({ staffMemberId: z.uuid(), name: z.string(), active: z.number(), limit: z.number().nullable() })),
              }),
            ),
            referrers: z.array(
              z.object({ source: z.string(), partnerId: z.uuid().nullable(), partnerName: z.string().nullable(), total: z.number(), open: z.number(), admitted: z.number(), waitlisted: z.number(), refused: z.number(), oriented: z.number(), withdrawn: z.number() }),
            ),
          }),
        },
      },
    },
    async (request) => asActor(deps, request, (ctx) => readCapacityBoard(ctx, { today: todayIn(request.session!.organizationTimeZone), horizonDays: request.query.horizonDays })),
  );

  app.get(
    '/api/v1/waitlist',
    {
      schema: {
        tags: ['admissions'],
        summary: 'Liste d’attente (priorité puis date), par dispositif',
        querystring: z.strictObject({ serviceId: ZUuid.optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              serviceId: z.uuid(),
              serviceName: z.string(),
              personId: z.uuid(),
              displayName: z.string(),
              referralId: z.uuid(),
              priority: z.number(),
              enteredAt: z.string(),
              status: z.enum(waitlistStatuses),
              position: z.number(),
              offeredAt: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listWaitlist(ctx, request.query)),
  );

  app.post(
    '/api/v1/waitlist/:entryId/offer',
    { schema: { tags: ['admissions'], summary: 'Proposer la place libérée', params: ZEntryParams, response: { 201: z.object({ offerId: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => offerPlace(ctx, request.params.entryId))),
  );

  app.post(
    '/api/v1/waitlist/:entryId/response',
    {
      schema: {
        tags: ['admissions'],
        summary: 'Réponse de la personne à la place proposée (accepte : admission ; décline)',
        params: ZEntryParams,
        body: z.discriminatedUnion('response', [
          z.strictObject({ response: z.literal('accepted'), admission: ZAdmission, capacityOverrideReason: ZNote(2000) }),
          z.strictObject({ response: z.literal('declined'), note: ZNote(1000), stayOnWaitlist: z.boolean() }),
        ]),
        response: { 200: z.object({ decisionId: z.uuid().nullable(), episodeId: z.uuid().nullable() }) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => respondToOffer(ctx, request.params.entryId, request.body)),
  );

  app.post(
    '/api/v1/waitlist/:entryId/leave',
    { schema: { tags: ['admissions'], summary: 'Retirer une personne de la liste d’attente', params: ZEntryParams, body: z.strictObject({ reason: z.string().trim().min(3).max(1000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => leaveWaitlist(ctx, request.params.entryId, request.body));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/people/:personId/episodes',
    { schema: { tags: ['admissions'], summary: 'Les prises en charge de la personne (équipe uniquement)', params: z.strictObject({ personId: ZUuid }), response: { 200: z.array(ZEpisode) } } },
    async (request) => asActor(deps, request, (ctx) => listPersonEpisodes(ctx, request.params.personId)),
  );

  app.get(
    '/api/v1/episodes/:episodeId',
    {
      schema: {
        tags: ['admissions'],
        summary: 'Une prise en charge (équipe uniquement)',
        params: ZEpisodeParams,
        response: {
          200: z.object({
            id: z.uuid(),
            personId: z.uuid(),
            personName: z.string(),
            personBirthDate: z.string().nullable(),
            serviceId: z.uuid(),
            serviceName: z.string(),
            referentId: z.uuid(),
            referentName: z.string(),
            coordinatorId: z.uuid(),
            coordinatorName: z.string(),
            startedOn: z.string(),
            plannedEndOn: z.string().nullable(),
            endedOn: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => asActor(deps, request, (ctx) => readEpisode(ctx, request.params.episodeId)),
  );

  app.post(
    '/api/v1/episodes/:episodeId/phase',
    { schema: { tags: ['admissions'], summary: 'Changer de phase du parcours', params: ZEpisodeParams, body: z.strictObject({ toPhase: z.string().min(1).max(60), effectiveOn: ZDay, note: ZNote(2000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => changeEpisodePhase(ctx, request.params.episodeId, request.body));
      return reply.status(204).send();
    },
  );

  app.patch(
    '/api/v1/episodes/:episodeId',
    { schema: { tags: ['admissions'], summary: 'Changer de référent, de coordonnateur ou de fin prévue', params: ZEpisodeParams, body: z.strictObject({ referentId: ZUuid.optional(), coordinatorId: ZUuid.optional(), plannedEndOn: ZDay.nullable().optional() }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updateEpisode(ctx, request.params.episodeId, request.body));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/episodes/:episodeId/end',
    {
      schema: {
        tags: ['admissions'],
        summary: 'Clôturer la prise en charge (motif, relais ou suite prévue)',
        params: ZEpisodeParams,
        body: z.strictObject({ endedOn: ZDay, endReason: z.enum(episodeEndReasons), aftercareNote: z.string().trim().min(3).max(4000) }),
      },
    },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => endEpisode(ctx, request.params.episodeId, request.body));
      return reply.status(204).send();
    },
  );
}
