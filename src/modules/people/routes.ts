import { z } from 'zod';
import { todayIn } from '../../lib/time.js';
import { ZBirthDate, ZName, ZOptionalText, ZPhone, ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { createPerson } from './create-person.js';
import { findPossibleDuplicates } from './find-possible-duplicates.js';
import { addRelative, listRelatives, removeRelative, updateRelative } from './manage-relatives.js';
import { protectionMeasures, publicCategories, relationships } from './schema.js';
import { updatePerson } from './update-person.js';
import { listPeople } from './list-people.js';
import { listPersonAccess } from './list-person-access.js';
import { addCareTeamMember, listCareTeam, removeCareTeamMember } from './manage-care-team.js';
import { readPerson } from './read-person.js';
import { readPersonSummary } from './read-person-summary.js';

const ZPersonParams = z.strictObject({ personId: ZUuid });
const ZPersonFields = z.strictObject({
  firstName: ZName,
  lastName: ZName,
  birthDate: ZBirthDate.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  phone: ZPhone,
  address: ZOptionalText(500),
  preferredLanguage: z.string().regex(/^[a-z]{2,3}$/, { message: 'Code de langue ISO 639 attendu (fr, en, ar…).' }).optional(),
  publicCategory: z.enum(publicCategories).optional(),
  protectionMeasure: z.enum(protectionMeasures).nullable().optional(),
  discreet: z.boolean().optional(),
  alias: ZOptionalText(60),
});
const ZPerson = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  preferredLanguage: z.string(),
  publicCategory: z.enum(publicCategories),
  protectionMeasure: z.enum(protectionMeasures).nullable(),
  discreet: z.boolean(),
  alias: z.string().nullable(),
  needsLegalRepresentative: z.boolean(),
  legalRepresentativeRecorded: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ZDuplicate = z.object({ person: z.object({ id: z.uuid(), displayName: z.string(), birthDate: z.string().nullable() }).nullable(), similarity: z.number() });
const ZRelativeFields = z.strictObject({
  firstName: ZName,
  lastName: ZName,
  relationship: z.enum(relationships),
  email: z.email().max(254).nullable().optional(),
  phone: ZPhone,
  address: ZOptionalText(500),
  isLegalRepresentative: z.boolean().optional(),
  isTrustedPerson: z.boolean().optional(),
  takesPartInPlan: z.boolean().optional(),
  supportedPersonId: ZUuid.nullable().optional(),
  notes: ZOptionalText(2000),
});
const ZRelative = ZRelativeFields.extend({
  id: z.uuid(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  isLegalRepresentative: z.boolean(),
  isTrustedPerson: z.boolean(),
  takesPartInPlan: z.boolean(),
  supportedPersonId: z.uuid().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});

export function peopleRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Les personnes dont je fais partie de l’équipe',
        querystring: z.strictObject({
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          q: z.string().max(100).optional(),
          category: z.enum(publicCategories).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.uuid(), displayName: z.string(), discreet: z.boolean(), firstName: z.string().nullable(), lastName: z.string().nullable(), birthDate: z.string().nullable(), publicCategory: z.enum(publicCategories) })),
            nextCursor: z.string().nullable(),
            moreMatches: z.boolean(),
          }),
        },
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
        summary: 'Créer le dossier d’une personne accompagnée (409 possible_duplicate tant que les doublons possibles ne sont pas écartés)',
        body: ZPersonFields.extend({ duplicatesAcknowledged: z.boolean().optional() }),
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => createPerson(ctx, request.body))),
  );

  app.post(
    '/api/v1/people/duplicate-check',
    {
      schema: {
        tags: ['people'],
        summary: 'Doublons possibles avant de créer un dossier (sans identité hors de mes équipes)',
        body: z.strictObject({ firstName: ZName, lastName: ZName, birthDate: ZBirthDate.nullable().optional() }),
        response: { 200: z.array(ZDuplicate) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => findPossibleDuplicates(ctx, request.body)),
  );

  app.patch(
    '/api/v1/people/:personId',
    { schema: { tags: ['people'], summary: 'Modifier le dossier (équipe)', params: ZPersonParams, body: ZPersonFields.partial() } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updatePerson(ctx, request.params.personId, request.body));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/people/:personId/relatives',
    { schema: { tags: ['people'], summary: 'L’entourage de la personne', params: ZPersonParams, response: { 200: z.array(ZRelative) } } },
    async (request) => asActor(deps, request, (ctx) => listRelatives(ctx, request.params.personId)),
  );

  app.post(
    '/api/v1/people/:personId/relatives',
    { config: { idempotent: true }, schema: { tags: ['people'], summary: 'Ajouter un proche', params: ZPersonParams, body: ZRelativeFields, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => addRelative(ctx, request.params.personId, request.body))),
  );

  app.patch(
    '/api/v1/people/:personId/relatives/:relativeId',
    { schema: { tags: ['people'], summary: 'Modifier un proche', params: z.strictObject({ personId: ZUuid, relativeId: ZUuid }), body: ZRelativeFields.partial() } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updateRelative(ctx, request.params.personId, request.params.relativeId, request.body));
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/v1/people/:personId/relatives/:relativeId',
    { schema: { tags: ['people'], summary: 'Retirer un proche de l’entourage', params: z.strictObject({ personId: ZUuid, relativeId: ZUuid }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => removeRelative(ctx, request.params.personId, request.params.relativeId));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/people/:personId',
    { schema: { tags: ['people'], summary: 'Le dossier d’une personne (équipe uniquement)', params: ZPersonParams, response: { 200: ZPerson } } },
    // Age (and so whether a legal representative is needed) counts in the structure's calendar day.
    async (request) => asActor(deps, request, (ctx) => readPerson(ctx, request.params.personId, todayIn(request.session!.organizationTimeZone))),
  );

  app.get(
    '/api/v1/people/:personId/summary',
    {
      schema: {
        tags: ['people'],
        summary: 'Synthèse du dossier : la personne, son équipe, son entourage, ses prises en charge en cours (équipe uniquement)',
        params: ZPersonParams,
        response: {
          200: z.object({
            person: ZPerson,
            careTeam: z.array(z.object({ staffMemberId: z.uuid(), name: z.string(), disciplineNameFr: z.string().nullable(), disciplineNameEn: z.string().nullable() })),
            circle: z.object({
              relatives: z.number(),
              legalRepresentatives: z.array(z.object({ id: z.uuid(), name: z.string(), relationship: z.enum(relationships) })),
              trustedPerson: z.object({ id: z.uuid(), name: z.string(), relationship: z.enum(relationships) }).nullable(),
              takingPartInPlan: z.number(),
            }),
            currentEpisodes: z.array(
              z.object({
                id: z.uuid(),
                serviceName: z.string(),
                referentName: z.string(),
                coordinatorName: z.string(),
                phaseLabel: z.string().nullable(),
                startedOn: z.string(),
                plannedEndOn: z.string().nullable(),
                plan: z.object({ status: z.string(), version: z.number(), goals: z.number() }).nullable(),
              }),
            ),
            endedEpisodes: z.number(),
          }),
        },
      },
    },
    async (request) => asActor(deps, request, (ctx) => readPersonSummary(ctx, request.params.personId, todayIn(request.session!.organizationTimeZone))),
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
