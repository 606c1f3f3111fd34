import { z } from 'zod';
import { ZOptionalText, ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { modalities } from '../services/schema.js';
import { bookAppointment, checkAppointment } from './book-appointment.js';
import { cancelAppointment, cancelledByParties, changeAppointment, recordAppointmentStatus } from './change-appointment.js';
import { findSlots } from './find-slots.js';
import { addAbsence, cancelAbsence, readAvailability, setWeeklyAvailability } from './manage-availability.js';
import { recordAttendance, registerForGroup, unregisterFromGroup } from './manage-group-registrations.js';
import { readPace, setPace } from './manage-pace.js';
import { createResource, createSector, createSite, listResources, listSectors, listSites, readSchedulingSettings, setSectorTravelTimes, updateResource, updateSchedulingSettings, updateSector, updateSite } from './manage-places.js';
import { readAgenda } from './read-agenda.js';
import { readAppointment } from './read-appointment.js';
import { absenceKinds, appointmentKinds, appointmentStatuses, attendances, groupFormats, registrationStatuses, resourceKinds } from './schema.js';

const ZInstant = z.iso.datetime({ offset: true });
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'Heure attendue au format HH:MM.' });
const ZIds = z.array(ZUuid).max(50);
const ZVideoLink = z.url({ protocol: /^https$/ }).max(500);
const ZRecurrence = z.strictObject({
  rule: z.string().trim().min(5).max(300),
  until: z.iso.date().nullable().optional(),
  count: z.number().int().min(1).max(104).nullable().optional(),
  exceptionDates: z.array(z.iso.date()).max(104).optional(),
});
const ZBooking = z.strictObject({
  kind: z.enum(appointmentKinds),
  serviceId: ZUuid,
  episodeId: ZUuid.nullable().optional(),
  personId: ZUuid.nullable().optional(),
  title: ZOptionalText(150),
  groupFormat: z.enum(groupFormats).nullable().optional(),
  capacity: z.number().int().min(1).max(500).nullable().optional(),
  modality: z.enum(modalities),
  siteId: ZUuid.nullable().optional(),
  partnerId: ZUuid.nullable().optional(),
  homeAddress: ZOptionalText(300),
  sectorId: ZUuid.nullable().optional(),
  videoLink: ZVideoLink.nullable().optional(),
  startsAt: ZInstant,
  endsAt: ZInstant,
  staffIds: ZIds.min(1),
  resourceIds: ZIds.optional(),
  relativeIds: ZIds.optional(),
  notes: ZOptionalText(1000),
  recurrence: ZRecurrence.nullable().optional(),
});
const ZViolation = z.object({ code: z.string(), message: z.string() });
const ZAppointment = z.object({
  id: z.uuid(),
  kind: z.enum(appointmentKinds),
  status: z.enum(appointmentStatuses),
  serviceId: z.uuid(),
  serviceName: z.string(),
  episodeId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  personLabel: z.string().nullable(),
  title: z.string().nullable(),
  groupFormat: z.enum(groupFormats).nullable(),
  modality: z.enum(modalities),
  siteId: z.uuid().nullable(),
  siteName: z.string().nullable(),
  partnerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
  homeAddress: z.string().nullable(),
  sectorId: z.uuid().nullable(),
  videoLink: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().nullable(),
  registeredCount: z.number(),
  waitlistCount: z.number(),
  seriesId: z.uuid().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  cancelReason: z.string().nullable(),
  cancelledByParty: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  staff: z.array(z.object({ id: z.string(), name: z.string() })),
  resources: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  relatives: z.array(z.object({ id: z.string(), name: z.string() })),
  registrations: z.array(z.object({ personId: z.string(), personLabel: z.string(), status: z.enum(registrationStatuses), position: z.number().nullable(), attendance: z.enum(attendances).nullable() })),
});
const ZAppointmentParams = z.strictObject({ appointmentId: ZUuid });
const ZScope = z.enum(['this', 'following']).default('this');
const ZStaffParams = z.strictObject({ staffId: ZUuid });
const ZCommaIds = z
  .string()
  .max(2000)
  .optional()
  .transform((v) => (v ? v.split(',').filter(Boolean) : []))
  .pipe(z.array(ZUuid).max(50));

/** A version from If-Match ("3" or W/"3") or the body; null when the client sent none. */
function expectedVersion(header: string | undefined, body: number | undefined): number | null {
  if (body !== undefined) return body;
  const match = header?.match(/^(?:W\/)?"?(\d+)"?$/);
  return match ? Number(match[1]) : null;
}

export function schedulingRoutes(app: RelaisApp, deps: RouteDeps): void {
  const tags = ['scheduling'];

  // Configuration: places, resources, sectors, settings.
  app.get('/api/v1/scheduling/settings', { schema: { tags, summary: 'Réglages de planification de la structure', response: { 200: z.object({ defaultTravelMinutes: z.number(), slotStepMinutes: z.number() }) } } }, async (request) =>
    asActor(deps, request, (ctx) => readSchedulingSettings(ctx)),
  );
  app.put(
    '/api/v1/scheduling/settings',
    { schema: { tags, summary: 'Modifier les réglages de planification', body: z.strictObject({ defaultTravelMinutes: z.number().int().min(0).max(240), slotStepMinutes: z.number().int().min(5).max(120) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updateSchedulingSettings(ctx, request.body));
      return reply.status(204).send();
    },
  );
  const ZArchivedQuery = z.strictObject({ includeArchived: z.enum(['true', 'false']).default('false') });
  app.get(
    '/api/v1/sites',
    { schema: { tags, summary: 'Les lieux de la structure', querystring: ZArchivedQuery, response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), address: z.string().nullable(), archivedAt: z.string().nullable() })) } } },
    async (request) => asActor(deps, request, (ctx) => listSites(ctx, request.query.includeArchived === 'true')),
  );
  const ZSiteFields = z.strictObject({ name: z.string().trim().min(2).max(150), address: ZOptionalText(300) });
  app.post('/api/v1/sites', { config: { idempotent: true }, schema: { tags, summary: 'Ajouter un lieu', body: ZSiteFields, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
    reply.status(201).send(await asActor(deps, request, (ctx) => createSite(ctx, request.body))),
  );
  app.patch('/api/v1/sites/:siteId', { schema: { tags, summary: 'Modifier ou archiver un lieu', params: z.strictObject({ siteId: ZUuid }), body: ZSiteFields.partial().extend({ archived: z.boolean().optional() }) } }, async (request, reply) => {
    await asActor(deps, request, (ctx) => updateSite(ctx, request.params.siteId, request.body));
    return reply.status(204).send();
  });
  const ZResourceFields = z.strictObject({
    kind: z.enum(resourceKinds),
    name: z.string().trim().min(2).max(150),
    description: ZOptionalText(500),
    capacity: z.number().int().min(1).max(500).nullable().optional(),
    siteId: ZUuid.nullable().optional(),
  });
  app.get(
    '/api/v1/resources',
    {
      schema: {
        tags,
        summary: 'Salles et équipements',
        querystring: ZArchivedQuery,
        response: { 200: z.array(z.object({ id: z.uuid(), kind: z.enum(resourceKinds), name: z.string(), description: z.string().nullable(), capacity: z.number().nullable(), siteId: z.uuid().nullable(), siteName: z.string().nullable(), archivedAt: z.string().nullable() })) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listResources(ctx, request.query.includeArchived === 'true')),
  );
  app.post('/api/v1/resources', { config: { idempotent: true }, schema: { tags, summary: 'Ajouter une salle ou un équipement', body: ZResourceFields, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
    reply.status(201).send(await asActor(deps, request, (ctx) => createResource(ctx, request.body))),
  );
  app.patch(
    '/api/v1/resources/:resourceId',
    { schema: { tags, summary: 'Modifier ou archiver une salle ou un équipement', params: z.strictObject({ resourceId: ZUuid }), body: ZResourceFields.partial().extend({ archived: z.boolean().optional() }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updateResource(ctx, request.params.resourceId, request.body));
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/sectors',
    {
      schema: {
        tags,
        summary: 'Secteurs des visites à domicile et temps de trajet',
        response: { 200: z.object({ sectors: z.array(z.object({ id: z.uuid(), name: z.string() })), travelTimes: z.array(z.object({ fromSectorId: z.uuid(), toSectorId: z.uuid(), minutes: z.number() })) }) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listSectors(ctx)),
  );
  app.post('/api/v1/sectors', { config: { idempotent: true }, schema: { tags, summary: 'Ajouter un secteur', body: z.strictObject({ name: z.string().trim().min(2).max(100) }), response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
    reply.status(201).send(await asActor(deps, request, (ctx) => createSector(ctx, request.body))),
  );
  app.patch(
    '/api/v1/sectors/:sectorId',
    { schema: { tags, summary: 'Renommer ou archiver un secteur', params: z.strictObject({ sectorId: ZUuid }), body: z.strictObject({ name: z.string().trim().min(2).max(100).optional(), archived: z.boolean().optional() }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updateSector(ctx, request.params.sectorId, request.body));
      return reply.status(204).send();
    },
  );
  app.put(
    '/api/v1/sectors/travel-times',
    { schema: { tags, summary: 'Temps de trajet entre secteurs (remplace la grille)', body: z.strictObject({ travelTimes: z.array(z.strictObject({ fromSectorId: ZUuid, toSectorId: ZUuid, minutes: z.number().int().min(0).max(480) })).max(500) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => setSectorTravelTimes(ctx, request.body.travelTimes));
      return reply.status(204).send();
    },
  );

  // Availability of staff members.
  app.get(
    '/api/v1/staff/:staffId/availability',
    {
      schema: {
        tags,
        summary: 'Horaires habituels et absences d’un professionnel',
        params: ZStaffParams,
        response: {
          200: z.object({
            weekly: z.array(z.object({ id: z.uuid(), weekday: z.number(), startsAt: z.string(), endsAt: z.string(), validFrom: z.string(), validUntil: z.string().nullable() })),
            absences: z.array(z.object({ id: z.uuid(), kind: z.enum(absenceKinds), startsAt: z.string(), endsAt: z.string(), note: z.string().nullable() })),
          }),
        },
      },
    },
    async (request) => asActor(deps, request, (ctx) => readAvailability(ctx, request.params.staffId)),
  );
  app.put(
    '/api/v1/staff/:staffId/availability',
    {
      schema: {
        tags,
        summary: 'Remplacer les horaires habituels',
        params: ZStaffParams,
        body: z.strictObject({ weekly: z.array(z.strictObject({ weekday: z.number().int().min(1).max(7), startsAt: ZClock, endsAt: ZClock, validFrom: z.iso.date().nullable().optional(), validUntil: z.iso.date().nullable().optional() })).max(50) }),
      },
    },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => setWeeklyAvailability(ctx, request.params.staffId, request.body.weekly));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/staff/:staffId/absences',
    { config: { idempotent: true }, schema: { tags, summary: 'Déclarer une absence (congé, formation…)', params: ZStaffParams, body: z.strictObject({ kind: z.enum(absenceKinds), startsAt: ZInstant, endsAt: ZInstant, note: ZOptionalText(300) }), response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => addAbsence(ctx, request.params.staffId, request.body))),
  );
  app.delete('/api/v1/staff/:staffId/absences/:absenceId', { schema: { tags, summary: 'Annuler une absence', params: z.strictObject({ staffId: ZUuid, absenceId: ZUuid }) } }, async (request, reply) => {
    await asActor(deps, request, (ctx) => cancelAbsence(ctx, request.params.staffId, request.params.absenceId));
    return reply.status(204).send();
  });

  // The person's pace in an episode.
  const ZPace = z.strictObject({
    maxSessionsPerDay: z.number().int().min(1).max(20).nullable(),
    maxSessionsPerWeek: z.number().int().min(1).max(50).nullable(),
    minGapMinutes: z.number().int().min(0).max(10080).nullable(),
    note: ZOptionalText(500).transform((v) => v ?? null),
  });
  app.get('/api/v1/episodes/:episodeId/pace', { schema: { tags, summary: 'Le rythme convenu avec la personne', params: z.strictObject({ episodeId: ZUuid }), response: { 200: z.object({ maxSessionsPerDay: z.number().nullable(), maxSessionsPerWeek: z.number().nullable(), minGapMinutes: z.number().nullable(), note: z.string().nullable() }) } } }, async (request) =>
    asActor(deps, request, (ctx) => readPace(ctx, request.params.episodeId)),
  );
  app.put('/api/v1/episodes/:episodeId/pace', { schema: { tags, summary: 'Fixer le rythme convenu avec la personne', params: z.strictObject({ episodeId: ZUuid }), body: ZPace } }, async (request, reply) => {
    await asActor(deps, request, (ctx) => setPace(ctx, request.params.episodeId, request.body));
    return reply.status(204).send();
  });

  // Appointments.
  app.post(
    '/api/v1/appointments',
    { config: { idempotent: true }, schema: { tags, summary: 'Prendre un rendez-vous (ou une série) si toutes les règles sont respectées', body: ZBooking, response: { 201: z.object({ id: z.uuid(), seriesId: z.uuid().nullable(), occurrences: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => bookAppointment(ctx, request.body))),
  );
  app.post(
    '/api/v1/appointments/check',
    { schema: { tags, summary: 'Vérifier un rendez-vous sans l’enregistrer (retour immédiat)', body: ZBooking.extend({ appointmentId: ZUuid.nullable().optional() }), response: { 200: z.object({ ok: z.boolean(), violations: z.array(ZViolation) }) } } },
    async (request) => {
      const { appointmentId, ...input } = request.body;
      const result = await asActor(deps, request, (ctx) => checkAppointment(ctx, input, appointmentId ?? null));
      return { ok: result.ok, violations: result.violations.map((v) => ({ code: v.code, message: v.message[request.locale] })) };
    },
  );
  app.get('/api/v1/appointments/:appointmentId', { schema: { tags, summary: 'Un rendez-vous', params: ZAppointmentParams, response: { 200: ZAppointment } } }, async (request, reply) => {
    const view = await asActor(deps, request, (ctx) => readAppointment(ctx, request.params.appointmentId));
    return reply.header('etag', `"${view.version}"`).send(view);
  });
  app.patch(
    '/api/v1/appointments/:appointmentId',
    {
      schema: {
        tags,
        summary: 'Déplacer ou modifier un rendez-vous (If-Match : sa version ; 412 si quelqu’un l’a modifié entre-temps)',
        params: ZAppointmentParams,
        body: z.strictObject({
          startsAt: ZInstant.optional(),
          endsAt: ZInstant.optional(),
          staffIds: ZIds.min(1).optional(),
          resourceIds: ZIds.optional(),
          relativeIds: ZIds.optional(),
          modality: z.enum(modalities).optional(),
          siteId: ZUuid.nullable().optional(),
          partnerId: ZUuid.nullable().optional(),
          homeAddress: ZOptionalText(300),
          sectorId: ZUuid.nullable().optional(),
          videoLink: ZVideoLink.nullable().optional(),
          notes: ZOptionalText(1000),
          title: ZOptionalText(150),
          capacity: z.number().int().min(1).max(500).nullable().optional(),
          version: z.number().int().min(1).optional(),
          scope: ZScope,
        }),
        response: { 200: ZAppointment },
      },
    },
    async (request, reply) => {
      const { version, scope, ...change } = request.body;
      const expected = expectedVersion(request.headers['if-match'], version);
      await asActor(deps, request, (ctx) => changeAppointment(ctx, request.params.appointmentId, expected, change, scope));
      const view = await asActor(deps, request, (ctx) => readAppointment(ctx, request.params.appointmentId));
      return reply.header('etag', `"${view.version}"`).send(view);
    },
  );
  app.post(
    '/api/v1/appointments/:appointmentId/cancel',
    { schema: { tags, summary: 'Annuler un rendez-vous (ou la suite de la série)', params: ZAppointmentParams, body: z.strictObject({ reason: z.string().trim().min(2).max(500), cancelledByParty: z.enum(cancelledByParties), scope: ZScope }) } },
    async (request, reply) => {
      const { scope, ...input } = request.body;
      await asActor(deps, request, (ctx) => cancelAppointment(ctx, request.params.appointmentId, input, scope));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/appointments/:appointmentId/status',
    { schema: { tags, summary: 'Confirmer, ou noter réalisé ou manqué (une absence appelle une note pour l’équipe, jamais une pénalité)', params: ZAppointmentParams, body: z.strictObject({ status: z.enum(['confirmed', 'done', 'missed']), note: ZOptionalText(1000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => recordAppointmentStatus(ctx, request.params.appointmentId, request.body));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/appointments/:appointmentId/registrations',
    { config: { idempotent: true }, schema: { tags, summary: 'Inscrire une personne à un groupe (liste d’attente s’il est complet)', params: ZAppointmentParams, body: z.strictObject({ personId: ZUuid }), response: { 201: z.object({ status: z.enum(['registered', 'waitlisted']), position: z.number().nullable() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => registerForGroup(ctx, request.params.appointmentId, request.body.personId))),
  );
  app.delete(
    '/api/v1/appointments/:appointmentId/registrations/:personId',
    { schema: { tags, summary: 'Désinscrire une personne (la première en attente prend la place)', params: z.strictObject({ appointmentId: ZUuid, personId: ZUuid }), response: { 200: z.object({ promotedPersonId: z.uuid().nullable() }) } } },
    async (request) => asActor(deps, request, (ctx) => unregisterFromGroup(ctx, request.params.appointmentId, request.params.personId)),
  );
  app.put(
    '/api/v1/appointments/:appointmentId/attendance',
    { schema: { tags, summary: 'Présences à une séance de groupe', params: ZAppointmentParams, body: z.strictObject({ entries: z.array(z.strictObject({ personId: ZUuid, attendance: z.enum(attendances) })).min(1).max(500) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => recordAttendance(ctx, request.params.appointmentId, request.body.entries));
      return reply.status(204).send();
    },
  );

  // Agenda.
  app.get(
    '/api/v1/agenda',
    {
      schema: {
        tags,
        summary: 'Agenda de professionnels, de salles ou d’une personne',
        querystring: z.strictObject({ from: ZInstant, to: ZInstant, staffIds: ZCommaIds, resourceIds: ZCommaIds, personId: ZUuid.optional(), includeCancelled: z.enum(['true', 'false']).default('false') }),
        response: {
          200: z.object({
            events: z.array(
              z.object({
                id: z.uuid(),
                kind: z.enum(appointmentKinds),
                status: z.enum(appointmentStatuses),
                startsAt: z.string(),
                endsAt: z.string(),
                title: z.string(),
                serviceName: z.string(),
                personLabel: z.string().nullable(),
                modality: z.enum(modalities),
                staffIds: z.array(z.string()),
                resourceIds: z.array(z.string()),
                seriesId: z.string().nullable(),
                visible: z.boolean(),
                version: z.number(),
              }),
            ),
            absences: z.array(z.object({ staffId: z.string(), startsAt: z.string(), endsAt: z.string(), kind: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return asActor(deps, request, (ctx) =>
        readAgenda(ctx, { from: new Date(q.from), to: new Date(q.to), staffIds: q.staffIds, resourceIds: q.resourceIds, personId: q.personId ?? null, includeCancelled: q.includeCancelled === 'true' }),
      );
    },
  );

  // Slot finder.
  app.post(
    '/api/v1/slots/search',
    {
      schema: {
        tags,
        summary: 'Trouver les prochains créneaux possibles',
        body: z.strictObject({
          serviceId: ZUuid,
          personId: ZUuid.nullable().optional(),
          episodeId: ZUuid.nullable().optional(),
          durationMinutes: z.number().int().min(5).max(720).optional(),
          modality: z.enum(modalities),
          staff: z.array(z.union([z.strictObject({ staffId: ZUuid }), z.strictObject({ disciplineId: ZUuid })])).min(1).max(5),
          resourceId: ZUuid.nullable().optional(),
          partnerId: ZUuid.nullable().optional(),
          sectorId: ZUuid.nullable().optional(),
          from: z.union([z.iso.date(), ZInstant]),
          to: z.union([z.iso.date(), ZInstant]),
          order: z.enum(['earliest', 'spread']).default('earliest'),
          limit: z.number().int().min(1).max(50).default(10),
        }),
        response: { 200: z.object({ slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string(), staffIds: z.array(z.string()), resourceId: z.string().nullable() })), reasons: z.array(ZViolation) }) },
      },
    },
    async (request) => {
      const result = await asActor(deps, request, (ctx) => findSlots(ctx, request.body));
      return { slots: result.slots, reasons: result.reasons.map((r) => ({ code: r.code, message: r.message[request.locale] })) };
    },
  );
}

