import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';

export const serviceKinds = ['individual_support', 'support_for_relatives', 'group', 'practice_analysis', 'relaxation_session', 'personal_support_management'] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const modalities = ['on_site', 'partner_site', 'home', 'video', 'phone'] as const;
export type Modality = (typeof modalities)[number];

/** A question of the admission review that the structure writes ("Demande formulée par la personne elle-même"). */
export interface Criterion {
  id: string;
  label: string;
}
/** A safety criterion: failing it requires an orientation elsewhere (to a doctor, a CMP, emergency services…). */
export interface SafetyCriterion extends Criterion {
  orientation: string | null;
}
export interface PathwayPhase {
  code: string;
  label: string;
}

// What a structure offers, with the rules scheduling and admission enforce.
export const service = pgTable(
  'service',
  {
    organizationId: organizationId(),
    id: idColumn(),
    name: text('name').notNull(),
    kind: text('kind').$type<ServiceKind>().notNull(),
    description: text('description'),
    defaultDurationMinutes: integer('default_duration_minutes').notNull(),
    maxDurationMinutes: integer('max_duration_minutes').notNull(),
    modalities: text('modalities').array().$type<Modality[]>().notNull(),
    /** Active people per practitioner (null: no limit). "One client at a time" is 1. */
    caseloadLimitPerPractitioner: integer('caseload_limit_per_practitioner'),
    /** Active people in the whole service (null: no limit). */
    caseloadLimitPerService: integer('caseload_limit_per_service'),
    /** One person at a time per practitioner or team, whatever the limits say. */
    exclusive: boolean('exclusive').notNull().default(false),
    indicationCriteria: jsonb('indication_criteria').$type<Criterion[]>().notNull().default(sql`'[]'::jsonb`),
    safetyCriteria: jsonb('safety_criteria').$type<SafetyCriterion[]>().notNull().default(sql`'[]'::jsonb`),
    phases: jsonb('phases').$type<PathwayPhase[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    check('service_durations_valid', sql`${t.defaultDurationMinutes} > 0 AND ${t.defaultDurationMinutes} <= ${t.maxDurationMinutes} AND ${t.maxDurationMinutes} <= 1440`),
    check('service_modalities_valid', sql`cardinality(${t.modalities}) > 0 AND ${t.modalities} <@ ARRAY['on_site','partner_site','home','video','phone']`),
    check('service_limits_positive', sql`(${t.caseloadLimitPerPractitioner} IS NULL OR ${t.caseloadLimitPerPractitioner} > 0) AND (${t.caseloadLimitPerService} IS NULL OR ${t.caseloadLimitPerService} > 0)`),
  ],
);
