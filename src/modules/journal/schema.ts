import { sql } from 'drizzle-orm';
import { boolean, check, customType, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { episode } from '../admissions/schema.js';
import { person } from '../people/schema.js';
import { appointment } from '../scheduling/schema.js';
import { staffMember } from '../staff/schema.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const journalEntryKinds = ['observation', 'session_note', 'practical_concern', 'emerging_need', 'unplanned_contact', 'incident', 'crisis'] as const;
export type JournalEntryKind = (typeof journalEntryKinds)[number];
/** care_team: the person's care team; restricted: author, référent and clinical referents; author_only: the author. */
export const confidentialityLevels = ['care_team', 'restricted', 'author_only'] as const;
export type ConfidentialityLevel = (typeof confidentialityLevels)[number];

// What was seen or done ("observation", "transmission"), on an episode. Edited only within 24 hours
// of its writing (trigger); later changes are amendments, and every version is kept (revisions).
export const journalEntry = pgTable(
  'journal_entry',
  {
    organizationId: organizationId(),
    id: idColumn(),
    episodeId: uuid('episode_id').notNull(),
    personId: uuid('person_id').notNull(),
    kind: text('kind').$type<JournalEntryKind>().notNull(),
    text: text('text').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    authorId: uuid('author_id').notNull(),
    /** A goal of the plan (goals keep their id across plan versions). */
    goalId: uuid('goal_id'),
    appointmentId: uuid('appointment_id'),
    confidentiality: text('confidentiality').$type<ConfidentialityLevel>().notNull().default('care_team'),
    /** The current text with its amendments, for French full-text search (accents ignored). */
    searchText: text('search_text').notNull().default(''),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('relais_french', search_text)`),
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.authorId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    foreignKey({ columns: [t.organizationId, t.appointmentId], foreignColumns: [appointment.organizationId, appointment.id] }),
    index('journal_entry_episode_idx').on(t.organizationId, t.episodeId, t.occurredAt),
    index('journal_entry_person_idx').on(t.organizationId, t.personId, t.occurredAt),
    index('journal_entry_search_idx').using('gin', t.search),
    index('journal_entry_unplanned_idx').on(t.organizationId, t.episodeId, t.occurredAt).where(sql`kind = 'unplanned_contact'`),
    check('journal_entry_kind_valid', sql`${t.kind} in ('observation','session_note','practical_concern','emerging_need','unplanned_contact','incident','crisis')`),
    check('journal_entry_confidentiality_valid', sql`${t.confidentiality} in ('care_team','restricted','author_only')`),
    check('journal_entry_text_present', sql`length(btrim(${t.text})) > 0`),
  ],
);

// Every version of an entry: the original, edits within 24 hours, and amendments after. Never changed.
export const journalRevision = pgTable(
  'journal_revision',
  {
    organizationId: organizationId(),
    id: idColumn(),
    entryId: uuid('entry_id').notNull(),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    kind: text('kind').$type<JournalEntryKind>().notNull(),
    confidentiality: text('confidentiality').$type<ConfidentialityLevel>().notNull(),
    /** An amendment (after 24 hours) adds to the entry; an edit (within 24 hours) replaces its text. */
    isAmendment: boolean('is_amendment').notNull(),
    reason: text('reason'),
    authorId: uuid('author_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.entryId], foreignColumns: [journalEntry.organizationId, journalEntry.id] }),
    uniqueIndex('journal_revision_number_unique').on(t.organizationId, t.entryId, t.number),
  ],
);
