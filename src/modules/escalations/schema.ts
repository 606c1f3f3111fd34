import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { idColumn, organizationId } from '../../db/columns.js';
import { episode } from '../admissions/schema.js';
import { journalEntry } from '../journal/schema.js';
import { person } from '../people/schema.js';
import { staffMember } from '../staff/schema.js';

export const escalationSeverities = ['information', 'concern', 'urgent', 'emergency'] as const;
export type EscalationSeverity = (typeof escalationSeverities)[number];
export const escalationStatuses = ['open', 'acknowledged', 'closed'] as const;
export type EscalationStatus = (typeof escalationStatuses)[number];

/** Minutes within which each severity must be acknowledged. */
export type AcknowledgementDelays = Record<EscalationSeverity, number>;

// The structure's escalation rules: acknowledgement delays, the chain an unacknowledged escalation
// climbs (staff in order), and the safety procedure shown with emergencies.
export const escalationSettings = pgTable('escalation_settings', {
  organizationId: organizationId().primaryKey(),
  acknowledgementMinutes: jsonb('acknowledgement_minutes').$type<AcknowledgementDelays>().notNull().default(sql`'{"information": 4320, "concern": 1440, "urgent": 120, "emergency": 15}'::jsonb`),
  chain: uuid('chain').array().notNull().default(sql`'{}'::uuid[]`),
  safetyProcedure: text('safety_procedure'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// A concern sent from a journal entry to a clinical referent ("signalement").
export const escalation = pgTable(
  'escalation',
  {
    organizationId: organizationId(),
    id: idColumn(),
    entryId: uuid('entry_id').notNull(),
    episodeId: uuid('episode_id').notNull(),
    personId: uuid('person_id').notNull(),
    severity: text('severity').$type<EscalationSeverity>().notNull(),
    /** What is asked of the addressee. */
    request: text('request').notNull(),
    addresseeId: uuid('addressee_id').notNull(),
    /** Who must act now: the addressee, or the next in the chain once the delay passed. */
    assigneeId: uuid('assignee_id').notNull(),
    /** Steps climbed in the chain (0: still with the addressee). */
    chainLevel: integer('chain_level').notNull().default(0),
    status: text('status').$type<EscalationStatus>().notNull().default('open'),
    acknowledgeBy: timestamp('acknowledge_by', { withTimezone: true }).notNull(),
    raisedBy: uuid('raised_by').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    followUp: text('follow_up'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.entryId], foreignColumns: [journalEntry.organizationId, journalEntry.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.addresseeId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    foreignKey({ columns: [t.organizationId, t.assigneeId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    index('escalation_assignee_open_idx').on(t.organizationId, t.assigneeId, t.severity).where(sql`status = 'open'`),
    index('escalation_due_idx').on(t.acknowledgeBy).where(sql`status = 'open'`),
    index('escalation_person_idx').on(t.organizationId, t.personId, t.raisedAt),
    check('escalation_severity_valid', sql`${t.severity} in ('information','concern','urgent','emergency')`),
    check('escalation_status_valid', sql`${t.status} in ('open','acknowledged','closed')`),
    check('escalation_ack_complete', sql`(${t.status} = 'open') = (${t.acknowledgedAt} IS NULL)`),
  ],
);

// What happened to an escalation, in order: raised, climbed the chain, acknowledged, followed up, closed. Never changed.
export const escalationEvent = pgTable(
  'escalation_event',
  {
    organizationId: organizationId(),
    id: idColumn(),
    escalationId: uuid('escalation_id').notNull(),
    kind: text('kind').$type<'raised' | 'climbed' | 'acknowledged' | 'follow_up' | 'closed'>().notNull(),
    actorId: uuid('actor_id'),
    assigneeId: uuid('assignee_id'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.escalationId], foreignColumns: [escalation.organizationId, escalation.id] }),
    index('escalation_event_escalation_idx').on(t.organizationId, t.escalationId, t.at),
    check('escalation_event_kind_valid', sql`${t.kind} in ('raised','climbed','acknowledged','follow_up','closed')`),
  ],
);

