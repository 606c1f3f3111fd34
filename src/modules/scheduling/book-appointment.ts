import { sql } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import { localMoment } from '../../lib/time.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { currentRelativeIds } from '../people/manage-relatives.js';
import type { Modality } from '../services/schema.js';
import { loadBookingFacts, violationsFor, type BookingFacts, type Proposal, type Violation } from './booking-rules.js';
import { afterAppointmentsChanged } from './after-change.js';
import { describeOccurrence, expandRecurrence, type Occurrence, type Recurrence } from './recurrence.js';
import { appointment, appointmentParticipant, appointmentSeries, type AppointmentKind, type GroupFormat, type SeriesTemplate } from './schema.js';

export interface BookingInput {
  kind: AppointmentKind;
  serviceId: string;
  episodeId?: string | null | undefined;
  personId?: string | null | undefined;
  title?: string | null | undefined;
  groupFormat?: GroupFormat | null | undefined;
  capacity?: number | null | undefined;
  modality: Modality;
  siteId?: string | null | undefined;
  partnerId?: string | null | undefined;
  homeAddress?: string | null | undefined;
  sectorId?: string | null | undefined;
  videoLink?: string | null | undefined;
  startsAt: string;
  endsAt: string;
  staffIds: string[];
  resourceIds?: string[] | undefined;
  relativeIds?: string[] | undefined;
  notes?: string | null | undefined;
  recurrence?: Recurrence | null | undefined;
}

type FieldError = { field: string; message: Translated };

/** What a booking request resolves to once its references are checked: the template and its occurrences. */
export interface PreparedBooking {
  template: SeriesTemplate;
  occurrences: Occurrence[];
  durationMinutes: number;
  facts: BookingFacts;
  /** The people whose time the appointment takes. */
  personIds: string[];
}

const withPerson: AppointmentKind[] = ['individual', 'with_relatives', 'team_meeting'];
/** Kinds where the person attends (and so is booked); a team meeting is about them, without them. */
export const personAttends = (kind: AppointmentKind) => kind === 'individual' || kind === 'with_relatives';

function structuralErrors(input: BookingInput): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: string, fr: string, en: string) => errors.push({ field: `body.${field}`, message: { fr, en } });
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (!(end.getTime() > start.getTime())) need('endsAt', 'La fin doit suivre le début.', 'The end must come after the start.');
  else if (end.getTime() - start.getTime() > 86_400_000) need('endsAt', 'Un rendez-vous dure au plus 24 heures.', 'An appointment lasts at most 24 hours.');
  if (withPerson.includes(input.kind) && !input.personId) need('personId', 'Choisissez la personne concernée.', 'Choose the person concerned.');
  if (!withPerson.includes(input.kind) && input.personId) need('personId', 'Ce type de rendez-vous ne concerne pas une personne en particulier.', 'This kind of appointment is not about one person.');
  if (input.kind === 'group') {
    if (!input.title?.trim()) need('title', 'Donnez un nom au groupe (il figure dans les rappels).', 'Name the group (reminders show it).');
    if (!input.groupFormat) need('groupFormat', 'Choisissez le format du groupe.', 'Choose the group’s format.');
    if (!input.capacity) need('capacity', 'Indiquez le nombre de places.', 'Give the number of places.');
  } else if (input.capacity != null) need('capacity', 'Seuls les groupes ont des places.', 'Only groups have places.');
  if (input.kind === 'practice_analysis' && input.staffIds.length < 2) need('staffIds', 'Une analyse de pratiques réunit au moins deux professionnels.', 'Practice analysis gathers at least two staff members.');
  if (input.kind === 'partner_onsite_day' && input.modality !== 'partner_site') need('modality', 'Une permanence a lieu chez la structure partenaire.', 'An on-site day takes place at the partner structure.');
  if (input.modality === 'partner_site' && !input.partnerId) need('partnerId', 'Choisissez la structure partenaire.', 'Choose the partner structure.');
  if (input.modality !== 'partner_site' && input.partnerId) need('partnerId', 'Une structure partenaire ne se choisit que pour un rendez-vous chez elle.', 'A partner is chosen only for an appointment at its premises.');
  if (input.modality === 'home' && !input.homeAddress?.trim()) need('homeAddress', 'Indiquez l’adresse de la visite à domicile.', 'Give the home visit’s address.');
  if (input.modality !== 'home' && (input.homeAddress || input.sectorId)) need('homeAddress', 'Adresse et secteur ne valent que pour une visite à domicile.', 'Address and sector apply only to home visits.');
  if (input.modality === 'video' && !input.videoLink) need('videoLink', 'Indiquez le lien de la visio.', 'Give the video link.');
  if ((input.relativeIds?.length ?? 0) > 0 && input.kind !== 'with_relatives' && input.kind !== 'team_meeting') need('relativeIds', 'Les proches participent aux rendez-vous « avec les proches ».', 'Relatives take part in “with relatives” appointments.');
  if (input.kind === 'with_relatives' && !(input.relativeIds?.length)) need('relativeIds', 'Choisissez au moins un proche.', 'Choose at least one relative.');
  if (new Set(input.staffIds).size !== input.staffIds.length) need('staffIds', 'Un professionnel est choisi deux fois.', 'A staff member is chosen twice.');
  if (new Set(input.resourceIds ?? []).size !== (input.resourceIds ?? []).length) need('resourceIds', 'Une ressource est choisie deux fois.', 'A resource is chosen twice.');
  return errors;
}

/** Checks every reference of the request in one statement; returns field errors for those that do not hold. */
async function referenceErrors(ctx: Ctx, input: BookingInput, episodeId: string | null): Promise<FieldError[]> {
  const org = ctx.organizationId;
  const staffIds = input.staffIds;
  const resourceIds = input.resourceIds ?? [];
  const [row] = (
    await ctx.tx.execute<{
      service_ok: boolean;
      active_staff: string[];
      team_staff: string[];
      resources: string[];
      site_ok: boolean;
      partner_ok: boolean;
      sector_ok: boolean;
      episode_ok: boolean;
    }>(sql`SELECT
      EXISTS (SELECT 1 FROM service WHERE organization_id = ${org} AND id = ${input.serviceId} AND archived_at IS NULL) AS service_ok,
      ARRAY(SELECT id::text FROM staff_member WHERE organization_id = ${org} AND id = ANY(${sql.param(staffIds)}::uuid[]) AND status = 'active') AS active_staff,
      ARRAY(SELECT staff_member_id::text FROM care_team_member WHERE organization_id = ${org} AND person_id = ${input.personId ?? null}::uuid
              AND staff_member_id = ANY(${sql.param(staffIds)}::uuid[]) AND removed_at IS NULL) AS team_staff,
      ARRAY(SELECT id::text FROM resource WHERE organization_id = ${org} AND id = ANY(${sql.param(resourceIds)}::uuid[]) AND archived_at IS NULL) AS resources,
      (${input.siteId ?? null}::uuid IS NULL OR EXISTS (SELECT 1 FROM site WHERE organization_id = ${org} AND id = ${input.siteId ?? null}::uuid AND archived_at IS NULL)) AS site_ok,
      (${input.partnerId ?? null}::uuid IS NULL OR EXISTS (SELECT 1 FROM partner WHERE organization_id = ${org} AND id = ${input.partnerId ?? null}::uuid AND archived_at IS NULL)) AS partner_ok,
      (${input.sectorId ?? null}::uuid IS NULL OR EXISTS (SELECT 1 FROM sector WHERE organization_id = ${org} AND id = ${input.sectorId ?? null}::uuid AND archived_at IS NULL)) AS sector_ok,
      (${episodeId}::uuid IS NULL OR EXISTS (SELECT 1 FROM episode WHERE organization_id = ${org} AND id = ${episodeId}::uuid
         AND person_id = ${input.personId ?? null}::uuid AND service_id = ${input.serviceId})) AS episode_ok`)
  ).rows;
  const errors: FieldError[] = [];
  const add = (field: string, fr: string, en: string) => errors.push({ field: `body.${field}`, message: { fr, en } });
  if (!row) return errors;
  if (!row.service_ok) add('serviceId', 'Dispositif inconnu ou archivé.', 'Unknown or archived service.');
  staffIds.forEach((id, i) => {
    if (!row.active_staff.includes(id)) add(`staffIds.${i}`, 'Professionnel inconnu ou désactivé.', 'Unknown or deactivated staff member.');
    else if (input.personId && !row.team_staff.includes(id)) add(`staffIds.${i}`, 'Ce professionnel ne fait pas partie de l’équipe qui accompagne la personne : ajoutez-le d’abord à l’équipe.', 'This staff member is not on the person’s care team: add them to the team first.');
  });
  resourceIds.forEach((id, i) => {
    if (!row.resources.includes(id)) add(`resourceIds.${i}`, 'Salle ou équipement inconnu ou archivé.', 'Unknown or archived room or equipment.');
  });
  if (!row.site_ok) add('siteId', 'Lieu inconnu ou archivé.', 'Unknown or archived site.');
  if (!row.partner_ok) add('partnerId', 'Structure partenaire inconnue ou archivée.', 'Unknown or archived partner.');
  if (!row.sector_ok) add('sectorId', 'Secteur inconnu ou archivé.', 'Unknown or archived sector.');
  if (!row.episode_ok) add('episodeId', 'Cette prise en charge n’est pas celle de la personne dans ce dispositif.', 'This episode is not the person’s in this service.');
  return errors;
}

/** The person's current episode in the service, when the request names none. */
export async function currentEpisode(ctx: Ctx, personId: string, serviceId: string): Promise<string | null> {
  const { rows } = await ctx.tx.execute<{ id: string }>(
    sql`SELECT id FROM episode WHERE organization_id = ${ctx.organizationId} AND person_id = ${personId} AND service_id = ${serviceId} AND ended_on IS NULL LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}

/**
 * Serialises bookings that concern the same people and staff (pace and travel rules count other
 * appointments, which the exclusion constraint alone does not cover). Locks in a fixed order, so two
 * bookings never wait on each other in a circle.
 */
export async function lockParticipants(ctx: Ctx, ids: string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return;
  await ctx.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${ctx.organizationId} || id, 0)) FROM unnest(${sql.param(sorted)}::text[]) AS id ORDER BY id`);
}

/** Access, references, occurrences and facts: everything before the rules are asked. */
export async function prepareBooking(ctx: Ctx, input: BookingInput, options: { excludeAppointmentIds?: string[]; lock?: boolean; extraPersonIds?: string[]; span?: { from: Date; to: Date } } = {}): Promise<PreparedBooking> {
  if (input.personId) await requireAccess(ctx, 'appointment.book', { personId: input.personId });
  else await requireAccess(ctx, 'appointment.book_without_person');
  const structural = structuralErrors(input);
  if (structural.length) throw new DomainError('validation_failed', {}, structural);
  const episodeId = input.episodeId ?? (input.personId ? await currentEpisode(ctx, input.personId, input.serviceId) : null);
  const references = await referenceErrors(ctx, input, episodeId);
  if (input.relativeIds?.length && input.personId) {
    const relatives = await currentRelativeIds(ctx, input.personId);
    input.relativeIds.forEach((id, i) => {
      if (!relatives.all.has(id)) references.push({ field: `body.relativeIds.${i}`, message: { fr: 'Ce proche ne figure pas dans l’entourage de la personne.', en: 'This relative is not in the person’s circle.' } });
    });
  }
  if (references.length) throw new DomainError('validation_failed', {}, references);

  const startsAt = new Date(input.startsAt);
  const durationMinutes = Math.round((new Date(input.endsAt).getTime() - startsAt.getTime()) / 60_000);
  const first = localMoment(startsAt, ctx.actor.timeZone);
  const occurrences = input.recurrence
    ? expandRecurrence(input.recurrence, { localDate: first.date, localMinutes: first.minutes }, durationMinutes, ctx.actor.timeZone)
    : [{ localDate: first.date, localMinutes: first.minutes, startsAt, endsAt: new Date(input.endsAt) }];
  const personIds = [...(input.personId && personAttends(input.kind) ? [input.personId] : []), ...(options.extraPersonIds ?? [])];
  if (options.lock) await lockParticipants(ctx, [...input.staffIds, ...(input.resourceIds ?? []), ...personIds]);
  const facts = await loadBookingFacts(ctx, {
    serviceId: input.serviceId,
    episodeId,
    partnerId: input.partnerId ?? null,
    staffIds: input.staffIds,
    resourceIds: input.resourceIds ?? [],
    personIds,
    from: options.span?.from ?? occurrences[0]!.startsAt,
    to: options.span?.to ?? occurrences[occurrences.length - 1]!.endsAt,
    excludeAppointmentIds: options.excludeAppointmentIds ?? [],
  });
  const template: SeriesTemplate = {
    kind: input.kind,
    serviceId: input.serviceId,
    episodeId,
    personId: input.personId ?? null,
    title: input.title?.trim() || null,
    groupFormat: input.kind === 'group' ? (input.groupFormat ?? null) : null,
    modality: input.modality,
    siteId: input.siteId ?? null,
    partnerId: input.partnerId ?? null,
    homeAddress: input.homeAddress?.trim() || null,
    sectorId: input.sectorId ?? null,
    videoLink: input.videoLink ?? null,
    capacity: input.kind === 'group' ? (input.capacity ?? null) : null,
    staffIds: input.staffIds,
    resourceIds: input.resourceIds ?? [],
    relativeIds: input.relativeIds ?? [],
    notes: input.notes?.trim() || null,
  };
  return { template, occurrences, durationMinutes, facts, personIds };
}

export function proposalOf(prepared: PreparedBooking, occurrence: Occurrence): Proposal {
  const t = prepared.template;
  return { startsAt: occurrence.startsAt, endsAt: occurrence.endsAt, kind: t.kind, modality: t.modality, partnerId: t.partnerId, sectorId: t.sectorId, staffIds: t.staffIds, resourceIds: t.resourceIds, personIds: prepared.personIds };
}

/**
 * Every rule the booking breaks, occurrence by occurrence. Occurrences of one series are also checked
 * against each other (a daily rule with a weekly limit).
 */
export function bookingViolations(prepared: PreparedBooking): Violation[] {
  const all: Violation[] = [];
  const series = prepared.occurrences.length > 1;
  const accepted: Occurrence[] = [];
  for (const occurrence of prepared.occurrences) {
    const facts = accepted.length ? withOwnOccurrences(prepared, accepted) : prepared.facts;
    const found = violationsFor(facts, proposalOf(prepared, occurrence));
    if (series) {
      const when = describeOccurrence(occurrence);
      for (const v of found) all.push({ code: v.code, message: { fr: `Séance ${when.fr} : ${v.message.fr}`, en: `Session ${when.en}: ${v.message.en}` } });
    } else all.push(...found);
    accepted.push(occurrence);
  }
  return all;
}

// The facts as they will be once the earlier occurrences of the same series are booked.
function withOwnOccurrences(prepared: PreparedBooking, accepted: Occurrence[]): BookingFacts {
  const busy = new Map(prepared.facts.busy);
  const t = prepared.template;
  for (const id of [...t.staffIds, ...t.resourceIds, ...prepared.personIds]) {
    const own = accepted.map((o) => ({ appointmentId: 'series', participantId: id, start: o.startsAt.getTime(), end: o.endsAt.getTime(), modality: t.modality, sectorId: t.sectorId, localDate: o.localDate }));
    busy.set(id, [...(busy.get(id) ?? []), ...own].sort((a, b) => a.start - b.start));
  }
  return { ...prepared.facts, busy };
}

export function refusal(violations: Violation[]): DomainError {
  const first = violations[0]!;
  return new DomainError(first.code, { detail: first.message, violations });
}

/** Maps the database's own refusals (a booking that raced another one) to the domain's. */
export function bookingErrorFromDatabase(error: unknown): DomainError | null {
  const e = error as { code?: string; constraint?: string } | null;
  if (e?.code === '23P01') return new DomainError('slot_taken', { detail: { fr: 'Quelqu’un vient de réserver ce créneau pour un des participants : choisissez-en un autre.', en: 'Someone has just booked this slot for one of the participants: choose another.' } });
  if (e?.code === 'RL010') return new DomainError('group_full');
  return null;
}

/** Inserts the appointments and their participants for prepared occurrences (one statement each). */
export async function insertOccurrences(ctx: Ctx, prepared: PreparedBooking, seriesId: string | null): Promise<string[]> {
  const t = prepared.template;
  const now = new Date();
  const rows = prepared.occurrences.map((o) => ({
    organizationId: ctx.organizationId,
    id: newId(),
    kind: t.kind,
    serviceId: t.serviceId,
    episodeId: t.episodeId,
    personId: t.personId,
    title: t.title,
    groupFormat: t.groupFormat,
    modality: t.modality,
    siteId: t.siteId,
    partnerId: t.partnerId,
    homeAddress: t.homeAddress,
    sectorId: t.sectorId,
    videoLink: t.videoLink,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    capacity: t.capacity,
    seriesId,
    occurrenceStart: seriesId ? o.startsAt : null,
    notes: t.notes,
    createdBy: ctx.actor.staffMemberId,
    createdAt: now,
    updatedAt: now,
  }));
  const participants = rows.flatMap((a) => [
    ...t.staffIds.map((id) => ({ role: 'staff' as const, staffMemberId: id })),
    ...t.resourceIds.map((id) => ({ role: 'resource' as const, resourceId: id })),
    ...(t.personId && personAttends(t.kind) ? [{ role: 'person' as const, personId: t.personId }] : []),
    ...t.relativeIds.map((id) => ({ role: 'relative' as const, relativeId: id })),
  ].map((p) => ({ organizationId: ctx.organizationId, appointmentId: a.id, addedBy: ctx.actor.staffMemberId, period: '(,)', ...p })));
  try {
    await ctx.tx.insert(appointment).values(rows);
    if (participants.length) await ctx.tx.insert(appointmentParticipant).values(participants);
  } catch (error) {
    throw bookingErrorFromDatabase(error) ?? error;
  }
  return rows.map((r) => r.id);
}

/** Books an appointment, or every occurrence of a recurring one, if and only if every rule holds for each. */
export async function bookAppointment(ctx: Ctx, input: BookingInput): Promise<{ id: string; seriesId: string | null; occurrences: number }> {
  const prepared = await prepareBooking(ctx, input, { lock: true });
  const violations = bookingViolations(prepared);
  if (violations.length) throw refusal(violations);
  let seriesId: string | null = null;
  if (input.recurrence) {
    const first = prepared.occurrences[0]!;
    seriesId = newId();
    await ctx.tx.insert(appointmentSeries).values({
      organizationId: ctx.organizationId,
      id: seriesId,
      rule: input.recurrence.rule.trim().replace(/^RRULE:/i, ''),
      firstStartLocal: `${first.localDate}T${String(Math.floor(first.localMinutes / 60)).padStart(2, '0')}:${String(first.localMinutes % 60).padStart(2, '0')}`,
      timeZone: ctx.actor.timeZone,
      durationMinutes: prepared.durationMinutes,
      exceptionDates: input.recurrence.exceptionDates ?? [],
      template: prepared.template,
      createdBy: ctx.actor.staffMemberId,
    });
  }
  const ids = await insertOccurrences(ctx, prepared, seriesId);
  ctx.audit({
    action: 'appointment.booked',
    personId: prepared.template.personId,
    targetType: 'appointment',
    targetId: ids[0]!,
    details: { kind: input.kind, occurrences: ids.length, seriesId, startsAt: prepared.occurrences[0]!.startsAt.toISOString() },
  });
  await afterAppointmentsChanged(ctx, ids);
  return { id: ids[0]!, seriesId, occurrences: ids.length };
}

/** The same checks as a booking, without writing: for immediate feedback while a user drags or fills the form. */
export async function checkAppointment(ctx: Ctx, input: BookingInput, appointmentId: string | null): Promise<{ ok: boolean; violations: { code: string; message: Translated }[] }> {
  try {
    const prepared = await prepareBooking(ctx, input, { excludeAppointmentIds: appointmentId ? [appointmentId] : [] });
    const violations = bookingViolations(prepared);
    return { ok: violations.length === 0, violations };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation_failed') {
      return { ok: false, violations: error.fieldErrors.map((f) => ({ code: 'validation_failed', message: f.message })) };
    }
    throw error;
  }
}
