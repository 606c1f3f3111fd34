import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { person } from '../people/schema.js';
import { referral } from '../referrals/schema.js';
import { service } from '../services/schema.js';
import { staffMember } from '../staff/schema.js';

export const decisionOutcomes = ['admit', 'waitlist', 'refuse', 'orient'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
export const orientationTargets = ['doctor', 'psychologist', 'cmp', 'emergency', 'other'] as const;
export type OrientationTarget = (typeof orientationTargets)[number];

/** The team's answer to one criterion of the service, as it stood when the decision was taken. */
export interface CriterionAnswer {
  criterionId: string;
  kind: 'indication' | 'safety';
  label: string;
  met: boolean;
  note: string | null;
}

/** The capacity figures a decision was taken on. */
export interface CapacitySnapshot {
  serviceActive: number;
  serviceLimit: number | null;
  /** For an admission: the référent's active caseload in the service, and its limit (1 when exclusive). */
  referentActive: number | null;
  referentLimit: number | null;
  waitlistLength: number;
}

// An admission decision. Never edited: a correction is a new decision that supersedes it
// (trigger refuses UPDATE and DELETE; each decision is superseded at most once, so history is a line).
export const admissionDecision = pgTable(
  'admission_decision',
  {
    organizationId: organizationId(),
    id: idColumn(),
    referralId: uuid('referral_id').notNull(),
    personId: uuid('person_id'),
    serviceId: uuid('service_id').notNull(),
    outcome: text('outcome').$type<DecisionOutcome>().notNull(),
    reasons: text('reasons'),
    orientationTo: text('orientation_to').$type<OrientationTarget>(),
    orientationDetail: text('orientation_detail'),
    criteriaAnswers: jsonb('criteria_answers').$type<CriterionAnswer[]>().notNull(),
    /** A safety criterion was not met: the decision must orient the person elsewhere. */
    safetyConcern: boolean('safety_concern').notNull(),
    capacity: jsonb('capacity').$type<CapacitySnapshot>().notNull(),
    capacityOverrideReason: text('capacity_override_reason'),
    waitlistPriority: smallint('waitlist_priority'),
    letterRecipient: text('letter_recipient').$type<'person' | 'referrer'>(),
    supersedesId: uuid('supersedes_id'),
    decidedBy: uuid('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.referralId], foreignColumns: [referral.organizationId, referral.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [service.organizationId, service.id] }),
    foreignKey({ columns: [t.organizationId, t.decidedBy], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    foreignKey({ columns: [t.organizationId, t.supersedesId], foreignColumns: [t.organizationId, t.id] }),
    // One first decision per referral; every later one corrects exactly one earlier decision.
    uniqueIndex('admission_decision_first_per_referral').on(t.organizationId, t.referralId).where(sql`supersedes_id IS NULL`),
    uniqueIndex('admission_decision_superseded_once').on(t.organizationId, t.supersedesId),
    index('admission_decision_person_idx').on(t.organizationId, t.personId),
    check('admission_decision_outcome_valid', sql`${t.outcome} in ('admit','waitlist','refuse','orient')`),
    check('admission_decision_reasons_required', sql`${t.outcome} not in ('refuse','orient') OR length(btrim(coalesce(${t.reasons}, ''))) > 0`),
    check('admission_decision_orientation', sql`(${t.outcome} = 'orient') = (${t.orientationTo} IS NOT NULL) AND (${t.orientationTo} IS NULL OR ${t.orientationTo} in ('doctor','psychologist','cmp','emergency','other'))`),
    check('admission_decision_safety_orients', sql`NOT ${t.safetyConcern} OR ${t.outcome} = 'orient'`),
    check('admission_decision_person_required', sql`${t.outcome} not in ('admit','waitlist') OR ${t.personId} IS NOT NULL`),
    check('admission_decision_waitlist_priority', sql`(${t.outcome} = 'waitlist') = (${t.waitlistPriority} IS NOT NULL) AND (${t.waitlistPriority} IS NULL OR ${t.waitlistPriority} BETWEEN 1 AND 3)`),
    check('admission_decision_letter', sql`${t.letterRecipient} IS NULL OR (${t.letterRecipient} in ('person','referrer') AND ${t.outcome} in ('refuse','orient'))`),
  ],
);

export const episodeEndReasons = ['goals_reached', 'person_choice', 'orientation', 'moved', 'no_contact', 'deceased', 'other'] as const;
export type EpisodeEndReason = (typeof episodeEndReasons)[number];

// One person in one service, from admission to end ("prise en charge"). Its care team is the
// person's care team; the référent and coordinator are named here. The capacity trigger counts
// active episodes (ended_on IS NULL).
export const episode = pgTable(
  'episode',
  {
    organizationId: organizationId(),
    id: idColumn(),
    personId: uuid('person_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    admissionDecisionId: uuid('admission_decision_id').notNull(),
    referentId: uuid('referent_id').notNull(),
    coordinatorId: uuid('coordinator_id').notNull(),
    phaseCode: text('phase_code'),
    startedOn: date('started_on').notNull(),
    plannedEndOn: date('planned_end_on'),
    /** Set when a supervisor admitted beyond a caseload limit; the trigger then lets it through. */
    capacityOverrideReason: text('capacity_override_reason'),
    capacityOverrideBy: uuid('capacity_override_by'),
    endedOn: date('ended_on'),
    endReason: text('end_reason').$type<EpisodeEndReason>(),
    aftercareNote: text('aftercare_note'),
    endedBy: uuid('ended_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [service.organizationId, service.id] }),
    foreignKey({ columns: [t.organizationId, t.admissionDecisionId], foreignColumns: [admissionDecision.organizationId, admissionDecision.id] }),
    foreignKey({ columns: [t.organizationId, t.referentId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    foreignKey({ columns: [t.organizationId, t.coordinatorId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    uniqueIndex('episode_admission_decision_unique').on(t.organizationId, t.admissionDecisionId),
    // A person is in a service once at a time.
    uniqueIndex('episode_one_active_per_person_service').on(t.organizationId, t.personId, t.serviceId).where(sql`ended_on IS NULL`),
    index('episode_active_service_idx').on(t.organizationId, t.serviceId, t.referentId).where(sql`ended_on IS NULL`),
    index('episode_person_idx').on(t.organizationId, t.personId),
    check('episode_end_complete', sql`(${t.endedOn} IS NULL) = (${t.endReason} IS NULL) AND (${t.endedOn} IS NULL) = (${t.endedBy} IS NULL) AND (${t.endedOn} IS NULL OR length(btrim(coalesce(${t.aftercareNote}, ''))) > 0)`),
    check('episode_end_after_start', sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.startedOn}`),
    check('episode_planned_end_after_start', sql`${t.plannedEndOn} IS NULL OR ${t.plannedEndOn} >= ${t.startedOn}`),
    check('episode_end_reason_valid', sql`${t.endReason} IS NULL OR ${t.endReason} in ('goals_reached','person_choice','orientation','moved','no_contact','deceased','other')`),
    check('episode_override_complete', sql`(${t.capacityOverrideReason} IS NULL) = (${t.capacityOverrideBy} IS NULL)`),
  ],
);

// A phase change of an episode (arrival, intensive phase, consolidation…), never edited.
export const episodePhaseChange = pgTable(
  'episode_phase_change',
  {
    organizationId: organizationId(),
    id: idColumn(),
    episodeId: uuid('episode_id').notNull(),
    fromPhase: text('from_phase'),
    toPhase: text('to_phase').notNull(),
    effectiveOn: date('effective_on').notNull(),
    note: text('note'),
    changedBy: uuid('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    index('episode_phase_change_episode_idx').on(t.organizationId, t.episodeId, t.changedAt),
  ],
);

export const waitlistStatuses = ['waiting', 'offered', 'admitted', 'left'] as const;
export type WaitlistStatus = (typeof waitlistStatuses)[number];

// A person waiting for a place in a service, ordered by priority (1 first) then date of entry.
export const waitlistEntry = pgTable(
  'waitlist_entry',
  {
    organizationId: organizationId(),
    id: idColumn(),
    personId: uuid('person_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    referralId: uuid('referral_id').notNull(),
    decisionId: uuid('decision_id').notNull(),
    priority: smallint('priority').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status').$type<WaitlistStatus>().notNull().default('waiting'),
    leftAt: timestamp('left_at', { withTimezone: true }),
    leftReason: text('left_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [service.organizationId, service.id] }),
    foreignKey({ columns: [t.organizationId, t.decisionId], foreignColumns: [admissionDecision.organizationId, admissionDecision.id] }),
    uniqueIndex('waitlist_entry_one_open_per_person_service').on(t.organizationId, t.personId, t.serviceId).where(sql`status in ('waiting','offered')`),
    index('waitlist_entry_order_idx').on(t.organizationId, t.serviceId, t.priority, t.enteredAt).where(sql`status in ('waiting','offered')`),
    check('waitlist_entry_status_valid', sql`${t.status} in ('waiting','offered','admitted','left')`),
    check('waitlist_entry_priority_valid', sql`${t.priority} BETWEEN 1 AND 3`),
  ],
);

// A place offered to a person on the waitlist, and their answer.
export const waitlistOffer = pgTable(
  'waitlist_offer',
  {
    organizationId: organizationId(),
    id: idColumn(),
    entryId: uuid('entry_id').notNull(),
    offeredBy: uuid('offered_by').notNull(),
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull().defaultNow(),
    response: text('response').$type<'accepted' | 'declined'>(),
    responseNote: text('response_note'),
    respondedBy: uuid('responded_by'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.entryId], foreignColumns: [waitlistEntry.organizationId, waitlistEntry.id] }),
    // One pending offer per entry.
    uniqueIndex('waitlist_offer_one_pending').on(t.organizationId, t.entryId).where(sql`response IS NULL`),
    check('waitlist_offer_response_valid', sql`(${t.response} IS NULL OR ${t.response} in ('accepted','declined')) AND (${t.response} IS NULL) = (${t.respondedAt} IS NULL)`),
  ],
);
