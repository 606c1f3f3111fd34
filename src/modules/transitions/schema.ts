import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { episode } from '../admissions/schema.js';
import { service } from '../services/schema.js';
import { staffMember } from '../staff/schema.js';

export interface ChecklistItem {
  id: string;
  label: string;
}

// What must be done before a person moves into a phase of a service's pathway (arrival, return
// home, aftercare…): the structure writes one checklist per service and phase.
export const transitionChecklist = pgTable(
  'transition_checklist',
  {
    organizationId: organizationId(),
    id: idColumn(),
    serviceId: uuid('service_id').notNull(),
    toPhase: text('to_phase').notNull(),
    items: jsonb('items').$type<ChecklistItem[]>().notNull().default(sql`'[]'::jsonb`),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [service.organizationId, service.id] }),
    uniqueIndex('transition_checklist_phase_unique').on(t.organizationId, t.serviceId, t.toPhase),
  ],
);

export const transitionStatuses = ['planned', 'completed', 'cancelled'] as const;
export type TransitionStatus = (typeof transitionStatuses)[number];

// A person's move from one phase to the next: planned date, who is responsible, a handoff note,
// and the checklist as it was when planned; complete when every item is.
export const transition = pgTable(
  'transition',
  {
    organizationId: organizationId(),
    id: idColumn(),
    episodeId: uuid('episode_id').notNull(),
    personId: uuid('person_id').notNull(),
    fromPhase: text('from_phase'),
    toPhase: text('to_phase').notNull(),
    plannedOn: date('planned_on').notNull(),
    responsibleId: uuid('responsible_id').notNull(),
    handoffNote: text('handoff_note'),
    status: text('status').$type<TransitionStatus>().notNull().default('planned'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by'),
    cancelledReason: text('cancelled_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    foreignKey({ columns: [t.organizationId, t.responsibleId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    uniqueIndex('transition_one_planned_per_episode').on(t.organizationId, t.episodeId).where(sql`status = 'planned'`),
    index('transition_planned_idx').on(t.organizationId, t.plannedOn).where(sql`status = 'planned'`),
    check('transition_status_valid', sql`${t.status} in ('planned','completed','cancelled')`),
    check('transition_completed', sql`(${t.status} = 'completed') = (${t.completedAt} IS NOT NULL)`),
  ],
);

// One item of a transition's checklist, ticked by someone.
export const transitionItem = pgTable(
  'transition_item',
  {
    organizationId: organizationId(),
    transitionId: uuid('transition_id').notNull(),
    itemId: uuid('item_id').notNull(),
    label: text('label').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.transitionId, t.itemId] }),
    foreignKey({ columns: [t.organizationId, t.transitionId], foreignColumns: [transition.organizationId, transition.id] }),
  ],
);
