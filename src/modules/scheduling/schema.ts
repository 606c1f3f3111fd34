import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { episode } from '../admissions/schema.js';
import { partner } from '../partners/schema.js';
import { person, relative } from '../people/schema.js';
import { service, type Modality } from '../services/schema.js';
import { staffMember } from '../staff/schema.js';

/** A PostgreSQL tstzrange, kept as its text form ("[2026-03-29 08:00:00+00,2026-03-29 08:45:00+00)"); set by triggers, read rarely. */
export const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

export const appointmentKinds = ['individual', 'with_relatives', 'group', 'practice_analysis', 'team_meeting', 'partner_onsite_day'] as const;
export type AppointmentKind = (typeof appointmentKinds)[number];
export const groupFormats = ['support_group', 'psychoeducation_workshop', 'relatives_group'] as const;
export type GroupFormat = (typeof groupFormats)[number];
export const appointmentStatuses = ['planned', 'confirmed', 'done', 'cancelled', 'missed'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const participantRoles = ['staff', 'person', 'relative', 'resource'] as const;
export type ParticipantRole = (typeof participantRoles)[number];
export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const attendances = ['present', 'absent', 'excused'] as const;
export type Attendance = (typeof attendances)[number];
export const absenceKinds = ['leave', 'training', 'sick_leave', 'other'] as const;
export type AbsenceKind = (typeof absenceKinds)[number];
export const resourceKinds = ['room', 'equipment'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

// The structure's scheduling rules: one row per organization, created on first use.
export const schedulingSettings = pgTable(
  'scheduling_settings',
  {
    organizationId: organizationId().primaryKey(),
    /** Travel time between two home visits in different sectors when no pair is set (sector_travel_time). */
    defaultTravelMinutes: integer('default_travel_minutes').notNull().default(30),
    /** Slot finder: granularity and the hours it searches within (local time), unless availability says otherwise. */
    slotStepMinutes: integer('slot_step_minutes').notNull().default(15),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('scheduling_settings_values', sql`${t.defaultTravelMinutes} BETWEEN 0 AND 240 AND ${t.slotStepMinutes} BETWEEN 5 AND 120`),
  ],
);

// A place of the structure (its premises, an annex).
export const site = pgTable(
  'site',
  {
    organizationId: organizationId(),
    id: idColumn(),
    name: text('name').notNull(),
    address: text('address'),
    createdAt: createdAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] })],
);

// A bookable thing: a room, or equipment such as a relaxation device (PSIO). Booked like a person.
export const resource = pgTable(
  'resource',
  {
    organizationId: organizationId(),
    id: idColumn(),
    siteId: uuid('site_id'),
    kind: text('kind').$type<ResourceKind>().notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** A room's seats (a group must fit in it). */
    capacity: integer('capacity'),
    createdAt: createdAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.siteId], foreignColumns: [site.organizationId, site.id] }),
    check('resource_kind_valid', sql`${t.kind} in ('room','equipment')`),
    check('resource_capacity_positive', sql`${t.capacity} IS NULL OR ${t.capacity} > 0`),
  ],
);

// A geographical sector for home visits; travel between two sectors takes the time the structure sets.
export const sector = pgTable(
  'sector',
  {
    organizationId: organizationId(),
    id: idColumn(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] })],
);

// Travel minutes between two sectors (stored once per pair, lower id first).
export const sectorTravelTime = pgTable(
  'sector_travel_time',
  {
    organizationId: organizationId(),
    fromSectorId: uuid('from_sector_id').notNull(),
    toSectorId: uuid('to_sector_id').notNull(),
    minutes: integer('minutes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.fromSectorId, t.toSectorId] }),
    foreignKey({ columns: [t.organizationId, t.fromSectorId], foreignColumns: [sector.organizationId, sector.id] }),
    foreignKey({ columns: [t.organizationId, t.toSectorId], foreignColumns: [sector.organizationId, sector.id] }),
    check('sector_travel_time_ordered', sql`${t.fromSectorId} < ${t.toSectorId}`),
    check('sector_travel_time_minutes', sql`${t.minutes} BETWEEN 0 AND 480`),
  ],
);

// A staff member's weekly working pattern: on this weekday, from this time to that (local time of the structure).
export const staffAvailability = pgTable(
  'staff_availability',
  {
    organizationId: organizationId(),
    id: idColumn(),
    staffMemberId: uuid('staff_member_id').notNull(),
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: smallint('weekday').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
    validFrom: date('valid_from').notNull(),
    validUntil: date('valid_until'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.staffMemberId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    index('staff_availability_staff_idx').on(t.organizationId, t.staffMemberId),
    check('staff_availability_weekday', sql`${t.weekday} BETWEEN 1 AND 7`),
    check('staff_availability_times', sql`${t.startsAt} < ${t.endsAt}`),
    check('staff_availability_dates', sql`${t.validUntil} IS NULL OR ${t.validUntil} >= ${t.validFrom}`),
  ],
);

// An exception to the pattern: leave, training, sick leave. The staff member is not bookable then.
export const staffAbsence = pgTable(
  'staff_absence',
  {
    organizationId: organizationId(),
    id: idColumn(),
    staffMemberId: uuid('staff_member_id').notNull(),
    kind: text('kind').$type<AbsenceKind>().notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.staffMemberId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    index('staff_absence_staff_idx').on(t.organizationId, t.staffMemberId, t.startsAt),
    check('staff_absence_kind', sql`${t.kind} in ('leave','training','sick_leave','other')`),
    check('staff_absence_times', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

// The person's pace in an episode: tolerance and availability matter more than volume.
export const episodePace = pgTable(
  'episode_pace',
  {
    organizationId: organizationId(),
    episodeId: uuid('episode_id').notNull(),
    maxSessionsPerDay: smallint('max_sessions_per_day'),
    maxSessionsPerWeek: smallint('max_sessions_per_week'),
    minGapMinutes: integer('min_gap_minutes'),
    /** Days the person prefers or avoids, in their words ("pas le lundi matin"). */
    note: text('note'),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.episodeId] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    check('episode_pace_values', sql`(${t.maxSessionsPerDay} IS NULL OR ${t.maxSessionsPerDay} BETWEEN 1 AND 20) AND (${t.maxSessionsPerWeek} IS NULL OR ${t.maxSessionsPerWeek} BETWEEN 1 AND 50) AND (${t.minGapMinutes} IS NULL OR ${t.minGapMinutes} BETWEEN 0 AND 10080)`),
  ],
);

/** What every occurrence of a series shares (the booking request, minus its times). */
export interface SeriesTemplate {
  kind: AppointmentKind;
  serviceId: string;
  episodeId: string | null;
  personId: string | null;
  title: string | null;
  groupFormat: GroupFormat | null;
  modality: Modality;
  siteId: string | null;
  partnerId: string | null;
  homeAddress: string | null;
  sectorId: string | null;
  videoLink: string | null;
  capacity: number | null;
  staffIds: string[];
  resourceIds: string[];
  relativeIds: string[];
  notes: string | null;
}

// A recurring appointment (RFC 5545 rule, in the structure's time zone): its occurrences are
// appointment rows. "This and the following" ends a series (until) and starts a new one.
export const appointmentSeries = pgTable(
  'appointment_series',
  {
    organizationId: organizationId(),
    id: idColumn(),
    /** RRULE without DTSTART ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"). */
    rule: text('rule').notNull(),
    /** The first occurrence's start, as local wall-clock time in time_zone ("2026-03-24T10:00"). */
    firstStartLocal: text('first_start_local').notNull(),
    timeZone: text('time_zone').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Local dates whose occurrence is skipped (exceptions). */
    exceptionDates: date('exception_dates').array().notNull().default(sql`'{}'::date[]`),
    template: jsonb('template').$type<SeriesTemplate>().notNull(),
    /** Set when "this and the following" moved the rest to another series. */
    endedBeforeLocal: text('ended_before_local'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] }), check('appointment_series_duration', sql`${t.durationMinutes} BETWEEN 5 AND 1440`)],
);

// An appointment: a session, a group, a team meeting, an on-site day. Who and what it holds are
// its participants; the database refuses any staff member, person or resource in two overlapping
// appointments that are not cancelled (exclusion constraint on appointment_participant).
export const appointment = pgTable(
  'appointment',
  {
    organizationId: organizationId(),
    id: idColumn(),
    kind: text('kind').$type<AppointmentKind>().notNull(),
    serviceId: uuid('service_id').notNull(),
    episodeId: uuid('episode_id'),
    /** The person the appointment is about (individual, with relatives, team meeting); null for groups. */
    personId: uuid('person_id'),
    /** A group's name ("Groupe de parole du mardi"): what reminders and feeds show. */
    title: text('title'),
    groupFormat: text('group_format').$type<GroupFormat>(),
    modality: text('modality').$type<Modality>().notNull(),
    siteId: uuid('site_id'),
    partnerId: uuid('partner_id'),
    homeAddress: text('home_address'),
    sectorId: uuid('sector_id'),
    videoLink: text('video_link'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status').$type<AppointmentStatus>().notNull().default('planned'),
    /** Places in a group. */
    capacity: integer('capacity'),
    seriesId: uuid('series_id'),
    /** The occurrence's original start in its series (stays when "this one" is moved). */
    occurrenceStart: timestamp('occurrence_start', { withTimezone: true }),
    /** Practical notes, never clinical content (they travel to calendars). */
    notes: text('notes'),
    cancelledBy: uuid('cancelled_by'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    /** Who cancelled, in the domain's words: the person, the structure, a relative. */
    cancelledByParty: text('cancelled_by_party').$type<'person' | 'structure' | 'relative' | 'partner'>(),
    /** For a missed session: what the team should know (no penalty, a note). */
    outcomeNote: text('outcome_note'),
    statusChangedBy: uuid('status_changed_by'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [service.organizationId, service.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.siteId], foreignColumns: [site.organizationId, site.id] }),
    foreignKey({ columns: [t.organizationId, t.partnerId], foreignColumns: [partner.organizationId, partner.id] }),
    foreignKey({ columns: [t.organizationId, t.sectorId], foreignColumns: [sector.organizationId, sector.id] }),
    foreignKey({ columns: [t.organizationId, t.seriesId], foreignColumns: [appointmentSeries.organizationId, appointmentSeries.id] }),
    index('appointment_starts_idx').on(t.organizationId, t.startsAt),
    index('appointment_person_idx').on(t.organizationId, t.personId, t.startsAt),
    index('appointment_episode_idx').on(t.organizationId, t.episodeId, t.startsAt),
    uniqueIndex('appointment_series_occurrence_unique').on(t.organizationId, t.seriesId, t.occurrenceStart),
    check('appointment_kind_valid', sql`${t.kind} in ('individual','with_relatives','group','practice_analysis','team_meeting','partner_onsite_day')`),
    check('appointment_status_valid', sql`${t.status} in ('planned','confirmed','done','cancelled','missed')`),
    check('appointment_modality_valid', sql`${t.modality} in ('on_site','partner_site','home','video','phone')`),
    check('appointment_times', sql`${t.startsAt} < ${t.endsAt} AND ${t.endsAt} <= ${t.startsAt} + interval '24 hours'`),
    check('appointment_cancel_complete', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} IS NOT NULL) AND (${t.cancelledAt} IS NULL OR length(btrim(coalesce(${t.cancelReason}, ''))) > 0)`),
    check('appointment_group_fields', sql`(${t.kind} = 'group') = (${t.capacity} IS NOT NULL) AND (${t.kind} <> 'group' OR ${t.groupFormat} IS NOT NULL AND ${t.title} IS NOT NULL)`),
    check('appointment_person_kinds', sql`${t.kind} not in ('individual','with_relatives') OR ${t.personId} IS NOT NULL`),
    check('appointment_modality_fields', sql`(${t.modality} <> 'partner_site' OR ${t.partnerId} IS NOT NULL) AND (${t.modality} <> 'home' OR ${t.homeAddress} IS NOT NULL)`),
    check('appointment_capacity_positive', sql`${t.capacity} IS NULL OR ${t.capacity} BETWEEN 1 AND 500`),
  ],
);

// Who and what an appointment holds. `period` and `blocking` are kept by triggers from the
// appointment (cancelled, waitlisted and relatives do not block); the exclusion constraint
// appointment_participant_no_overlap refuses two blocking rows of one participant that overlap.
export const appointmentParticipant = pgTable(
  'appointment_participant',
  {
    organizationId: organizationId(),
    id: idColumn(),
    appointmentId: uuid('appointment_id').notNull(),
    role: text('role').$type<ParticipantRole>().notNull(),
    staffMemberId: uuid('staff_member_id'),
    personId: uuid('person_id'),
    relativeId: uuid('relative_id'),
    resourceId: uuid('resource_id'),
    /** The one of the four ids that is set: what the exclusion constraint compares. */
    participantId: uuid('participant_id').generatedAlwaysAs(sql`coalesce(staff_member_id, person_id, relative_id, resource_id)`),
    period: tstzrange('period').notNull(),
    blocking: boolean('blocking').notNull().default(true),
    /** Groups: a person's registration; waitlisted people wait in order of position. */
    registrationStatus: text('registration_status').$type<RegistrationStatus>(),
    waitlistPosition: integer('waitlist_position'),
    attendance: text('attendance').$type<Attendance>(),
    addedBy: uuid('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.appointmentId], foreignColumns: [appointment.organizationId, appointment.id] }),
    foreignKey({ columns: [t.organizationId, t.staffMemberId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.relativeId], foreignColumns: [relative.organizationId, relative.id] }),
    foreignKey({ columns: [t.organizationId, t.resourceId], foreignColumns: [resource.organizationId, resource.id] }),
    index('appointment_participant_appointment_idx').on(t.organizationId, t.appointmentId),
    uniqueIndex('appointment_participant_once').on(t.organizationId, t.appointmentId, t.participantId),
    check('appointment_participant_role_valid', sql`${t.role} in ('staff','person','relative','resource')`),
    check(
      'appointment_participant_one_id',
      sql`num_nonnulls(${t.staffMemberId}, ${t.personId}, ${t.relativeId}, ${t.resourceId}) = 1 AND (${t.role} <> 'staff' OR ${t.staffMemberId} IS NOT NULL) AND (${t.role} <> 'person' OR ${t.personId} IS NOT NULL) AND (${t.role} <> 'relative' OR ${t.relativeId} IS NOT NULL) AND (${t.role} <> 'resource' OR ${t.resourceId} IS NOT NULL)`,
    ),
    check('appointment_participant_registration', sql`(${t.registrationStatus} IS NULL OR ${t.registrationStatus} in ('registered','waitlisted','cancelled')) AND ((${t.registrationStatus} = 'waitlisted') = (${t.waitlistPosition} IS NOT NULL))`),
    check('appointment_participant_attendance', sql`${t.attendance} IS NULL OR ${t.attendance} in ('present','absent','excused')`),
  ],
);

