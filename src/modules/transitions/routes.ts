import { z } from 'zod';
import { ZOptionalText, ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { readTransitionChecklists, setTransitionChecklists } from './manage-checklists.js';
import { cancelTransition, completeTransition, listEpisodeTransitions, planTransition, setTransitionItem } from './manage-transitions.js';
import { readPersonPathway } from './read-pathway.js';
import { transitionStatuses } from './schema.js';

const ZDay = z.iso.date();
const ZItem = z.object({ id: z.string(), label: z.string() });
const ZChecklists = z.object({
  serviceId: z.uuid(),
  checklists: z.array(z.object({ toPhase: z.string(), phaseLabel: z.string(), items: z.array(ZItem), updatedAt: z.string().nullable() })),
});
const ZTransitionItem = z.object({ itemId: z.string(), label: z.string(), done: z.boolean(), doneAt: z.string().nullable(), doneByName: z.string().nullable(), note: z.string().nullable() });
const ZTransition = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  personId: z.uuid(),
  fromPhase: z.string().nullable(),
  fromLabel: z.string().nullable(),
  toPhase: z.string(),
  toLabel: z.string(),
  plannedOn: z.string(),
  responsibleId: z.uuid(),
  responsibleName: z.string(),
  handoffNote: z.string().nullable(),
  status: z.enum(transitionStatuses),
  createdByName: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  cancelledReason: z.string().nullable(),
  items: z.array(ZTransitionItem),
});
const ZPathwayEvent = z.object({
  kind: z.enum(['admitted', 'phase_changed', 'transition_planned', 'transition_cancelled', 'ended']),
  on: z.string(),
  episodeId: z.uuid(),
  serviceName: z.string(),
  fromLabel: z.string().nullable(),
  toLabel: z.string().nullable(),
  note: z.string().nullable(),
  byName: z.string().nullable(),
  transition: z
    .object({ id: z.uuid(), status: z.enum(transitionStatuses), responsibleName: z.string(), plannedOn: z.string(), cancelledReason: z.string().nullable(), items: z.array(ZTransitionItem) })
    .nullable(),
});
const ZTransitionParams = z.strictObject({ transitionId: ZUuid });

export function transitionRoutes(app: RelaisApp, deps: RouteDeps): void {
  const tags = ['transitions'];
  const ZServiceParams = z.strictObject({ serviceId: ZUuid });
  app.get(
    '/api/v1/services/:serviceId/transition-checklists',
    { schema: { tags, summary: 'Listes de vérification des transitions d’un dispositif, par phase', params: ZServiceParams, response: { 200: ZChecklists } } },
    async (request) => asActor(deps, request, (ctx) => readTransitionChecklists(ctx, request.params.serviceId)),
  );
  app.put(
    '/api/v1/services/:serviceId/transition-checklists',
    {
      schema: {
        tags,
        summary: 'Remplacer les listes de vérification des transitions d’un dispositif',
        params: ZServiceParams,
        body: z.strictObject({
          checklists: z
            .array(z.strictObject({ toPhase: z.string().min(1).max(60), items: z.array(z.strictObject({ id: ZUuid.optional(), label: z.string().trim().min(1).max(300) })).max(40) }))
            .max(20),
        }),
        response: { 200: ZChecklists },
      },
    },
    async (request) =>
      asActor(deps, request, async (ctx) => {
        await setTransitionChecklists(ctx, request.params.serviceId, request.body.checklists);
        return readTransitionChecklists(ctx, request.params.serviceId);
      }),
  );

  const ZEpisodeParams = z.strictObject({ episodeId: ZUuid });
  app.get(
    '/api/v1/episodes/:episodeId/transitions',
    {
      schema: {
        tags,
        summary: 'Les transitions d’une prise en charge (prévue, puis historique)',
        params: ZEpisodeParams,
        response: { 200: z.object({ currentPhase: z.string().nullable(), phases: z.array(z.object({ code: z.string(), label: z.string() })), ended: z.boolean(), transitions: z.array(ZTransition) }) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listEpisodeTransitions(ctx, request.params.episodeId)),
  );
  app.post(
    '/api/v1/episodes/:episodeId/transitions',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Prévoir une transition vers une autre phase du parcours',
        params: ZEpisodeParams,
        body: z.strictObject({ toPhase: z.string().min(1).max(60), plannedOn: ZDay, responsibleId: ZUuid, handoffNote: ZOptionalText(4000) }),
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => planTransition(ctx, request.params.episodeId, request.body))),
  );
  app.put(
    '/api/v1/transitions/:transitionId/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Cocher ou décocher un point de la liste de vérification',
        params: z.strictObject({ transitionId: ZUuid, itemId: ZUuid }),
        body: z.strictObject({ done: z.boolean(), note: ZOptionalText(1000) }),
      },
    },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => setTransitionItem(ctx, request.params.transitionId, request.params.itemId, request.body));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/transitions/:transitionId/complete',
    { schema: { tags, summary: 'Terminer la transition : la personne passe dans la nouvelle phase', params: ZTransitionParams } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => completeTransition(ctx, request.params.transitionId));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/transitions/:transitionId/cancel',
    { schema: { tags, summary: 'Annuler une transition prévue, avec le motif', params: ZTransitionParams, body: z.strictObject({ reason: z.string().trim().min(3).max(1000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => cancelTransition(ctx, request.params.transitionId, request.body));
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/people/:personId/pathway',
    { schema: { tags, summary: 'Le parcours de la personne, en frise chronologique', params: z.strictObject({ personId: ZUuid }), response: { 200: z.object({ events: z.array(ZPathwayEvent) }) } } },
    async (request) => asActor(deps, request, (ctx) => readPersonPathway(ctx, request.params.personId)),
  );
}
