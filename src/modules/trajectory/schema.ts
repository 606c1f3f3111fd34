import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { episode } from '../admissions/schema.js';

// The structure's thresholds for the autonomy review: how far above plan, for how many weeks.
export const trajectorySettings = pgTable(
  'trajectory_settings',
  {
    organizationId: organizationId().primaryKey(),
    /** Actual above planned by more than this percentage counts as an excess week. */
    excessMarginPercent: integer('excess_margin_percent').notNull().default(25),
    /** This many excess weeks in a row raise a review flag. */
    excessWeeks: integer('excess_weeks').notNull().default(3),
    /** Unplanned contacts rising over this many weeks without progress on the goals raise a flag. */
    unplannedRiseWeeks: integer('unplanned_rise_weeks').notNull().default(4),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('trajectory_settings_values', sql`${t.excessMarginPercent} BETWEEN 0 AND 500 AND ${t.excessWeeks} BETWEEN 1 AND 52 AND ${t.unplannedRiseWeeks} BETWEEN 2 AND 52`)],
);

// The intended support, by period: sessions and minutes per week, stepping down as the person gains
// autonomy, and how long without contact is too long.
export const intensityPeriod = pgTable(
  'intensity_period',
  {
    organizationId: organizationId(),
    id: idColumn(),
    episodeId: uuid('episode_id').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    sessionsPerWeek: numeric('sessions_per_week', { precision: 4, scale: 1, mode: 'number' }).notNull(),
    minutesPerWeek: integer('minutes_per_week').notNull(),
    maxDaysWithoutContact: integer('max_days_without_contact'),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    index('intensity_period_episode_idx').on(t.organizationId, t.episodeId, t.startsOn),
    check('intensity_period_values', sql`${t.sessionsPerWeek} >= 0 AND ${t.minutesPerWeek} >= 0 AND (${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}) AND (${t.maxDaysWithoutContact} IS NULL OR ${t.maxDaysWithoutContact} > 0)`),
  ],
);

// The actual intensity of one week (Monday), measured: appointments done plus unplanned contacts.
export const weeklyIntensity = pgTable(
  'weekly_intensity',
  {
    organizationId: organizationId(),
    episodeId: uuid('episode_id').notNull(),
    weekStart: date('week_start').notNull(),
    plannedSessions: numeric('planned_sessions', { precision: 4, scale: 1, mode: 'number' }),
    plannedMinutes: integer('planned_minutes'),
    doneSessions: integer('done_sessions').notNull(),
    doneMinutes: integer('done_minutes').notNull(),
    unplannedContacts: integer('unplanned_contacts').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.episodeId, t.weekStart] }), foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] })],
);

export const reviewFlagReasons = ['sustained_excess', 'unplanned_rise_without_progress'] as const;
export type ReviewFlagReason = (typeof reviewFlagReasons)[number];

// A prompt for the référent to review the support with the person: never an automatic action.
export const reviewFlag = pgTable(
  'review_flag',
  {
    organizationId: organizationId(),
    id: idColumn(),
    episodeId: uuid('episode_id').notNull(),
    reason: text('reason').$type<ReviewFlagReason>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    uniqueIndex('review_flag_one_open').on(t.organizationId, t.episodeId, t.reason).where(sql`acknowledged_at IS NULL`),
    check('review_flag_reason_valid', sql`${t.reason} in ('sustained_excess','unplanned_rise_without_progress')`),
  ],
);
