import { z } from 'zod';
import { ZName, ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { createPerson } from './create-person.js';
import { listPeople } from './list-people.js';
import { listPersonAccess } from './list-person-access.js';
import { addCareTeamMember, listCareTeam, removeCareTeamMember } from './manage-care-team.js';
import { readPerson } from './read-person.js';

const ZBirthDate = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), { message: 'Date de naissance hors limites.' });
const ZPersonParams = z.strictObject({ personId: ZUuid });
const ZPerson = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), birthDate: z.string().nullable(), createdAt: z.string() });

export function peopleRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Les personnes dont je fais partie de l’équipe',
        querystring: z.strictObject({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(ZPerson.omit({ createdAt: true })), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listPeople(ctx, request.query)),
  );

  app.post(
    '/api/v1/people',
    {
      config: { idempotent: true },
      schema: {
        tags: ['people'],
        summary: 'Créer le dossier d’une personne accompagnée',
        body: z.strictObject({ firstName: ZName, lastName: ZName, birthDate: ZBirthDate.nullable().optional() }),
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => createPerson(ctx, request.body))),
  );

  app.get(
    '/api/v1/people/:personId',
    { schema: { tags: ['people'], summary: 'Le dossier d’une personne (équipe uniquement)', params: ZPersonParams, response: { 200: ZPerson } } },
    async (request) => asActor(deps, request, (ctx) => readPerson(ctx, request.params.personId)),
  );

  app.get(
    '/api/v1/people/:personId/care-team',
    {
      schema: {
        tags: ['people'],
        summary: 'L’équipe pluridisciplinaire de la personne',
        params: ZPersonParams,
        response: {
          200: z.array(z.object({ staffMemberId: z.uuid(), firstName: z.string(), lastName: z.string(), disciplineId: z.uuid().nullable(), disciplineNameFr: z.string().nullable(), disciplineNameEn: z.string().nullable(), addedAt: z.string() })),
        },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listCareTeam(ctx, request.params.personId)),
  );

  app.post(
    '/api/v1/people/:personId/care-team',
    {
      schema: {
        tags: ['people'],
        summary: 'Ajouter un professionnel à l’équipe',
        params: ZPersonParams,
        body: z.strictObject({ staffMemberId: ZUuid, disciplineId: ZUuid.nullable().optional() }),
      },
    },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => addCareTeamMember(ctx, request.params.personId, request.body));
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/v1/people/:personId/care-team/:staffMemberId',
    { schema: { tags: ['people'], summary: 'Retirer un professionnel de l’équipe', params: z.strictObject({ personId: ZUuid, staffMemberId: ZUuid }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => removeCareTeamMember(ctx, request.params.personId, request.params.staffMemberId));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/people/:personId/access-log',
    {
      schema: {
        tags: ['people'],
        summary: 'Qui a consulté ou modifié le dossier',
        params: ZPersonParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.array(z.object({ occurredAt: z.string(), action: z.string(), outcome: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable() })) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listPersonAccess(ctx, request.params.personId, request.query.limit)),
  );
}
