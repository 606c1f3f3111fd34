import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { staffMember } from '../staff/schema.js';

export const publicCategories = ['adult', 'parent', 'adolescent', 'illness', 'relative'] as const;
export type PublicCategory = (typeof publicCategories)[number];
// Legal protection measures for adults (Code civil); a minor's representatives are their parents or guardian.
export const protectionMeasures = ['tutelle', 'curatelle', 'curatelle_renforcee', 'sauvegarde_de_justice', 'habilitation_familiale', 'mandat_protection_future'] as const;
export type ProtectionMeasure = (typeof protectionMeasures)[number];

// The person supported.
export const person = pgTable(
  'person',
  {
    organizationId: organizationId(),
    id: idColumn(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    /** ISO 639-1 code of the language the person prefers to be spoken to in. */
    preferredLanguage: text('preferred_language').notNull().default('fr'),
    publicCategory: text('public_category').$type<PublicCategory>().notNull().default('adult'),
    protectionMeasure: text('protection_measure').$type<ProtectionMeasure>(),
    /** Discreet: lists, calendars, reminders and exports show the alias (or initials), never the identity. */
    discreet: boolean('discreet').notNull().default(false),
    alias: text('alias'),
    /** For accent- and typo-tolerant search and duplicate detection (trigram index). */
    searchName: text('search_name').generatedAlwaysAs(sql`relais_normalize_name(first_name || ' ' || last_name)`),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    index('person_search_name_trgm_idx').using('gin', sql`${t.searchName} gin_trgm_ops`),
    index('person_birth_date_idx').on(t.organizationId, t.birthDate),
    check('person_public_category_valid', sql`${t.publicCategory} in ('adult','parent','adolescent','illness','relative')`),
    check('person_protection_measure_valid', sql`${t.protectionMeasure} is null or ${t.protectionMeasure} in ('tutelle','curatelle','curatelle_renforcee','sauvegarde_de_justice','habilitation_familiale','mandat_protection_future')`),
  ],
);

export const relationships = ['parent', 'child', 'spouse_or_partner', 'sibling', 'grandparent', 'grandchild', 'other_family', 'friend', 'neighbour', 'guardian', 'professional_representative', 'other'] as const;
export type Relationship = (typeof relationships)[number];

// A relative or friend of a person: their circle. The legal representative signs for a minor or a
// protected adult; the "personne de confiance" (CASF L311-5-1) accompanies the person and is consulted.
export const relative = pgTable(
  'relative',
  {
    organizationId: organizationId(),
    id: idColumn(),
    personId: uuid('person_id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    relationship: text('relationship').$type<Relationship>().notNull(),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    isLegalRepresentative: boolean('is_legal_representative').notNull().default(false),
    isTrustedPerson: boolean('is_trusted_person').notNull().default(false),
    takesPartInPlan: boolean('takes_part_in_plan').notNull().default(false),
    /** When the relative is also supported in their own right (support for relatives). */
    supportedPersonId: uuid('supported_person_id'),
    notes: text('notes'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.supportedPersonId], foreignColumns: [person.organizationId, person.id] }),
    index('relative_person_idx').on(t.organizationId, t.personId),
    // At most one current "personne de confiance" per person.
    uniqueIndex('relative_one_trusted_person').on(t.organizationId, t.personId).where(sql`is_trusted_person AND removed_at IS NULL`),
  ],
);

// Need to know: a staff member reads a person's record only while a current member of their care team.
export const careTeamMember = pgTable(
  'care_team_member',
  {
    organizationId: organizationId(),
    id: idColumn(),
    personId: uuid('person_id').notNull(),
    staffMemberId: uuid('staff_member_id').notNull(),
    disciplineId: uuid('discipline_id'),
    addedBy: uuid('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    removedBy: uuid('removed_by'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.staffMemberId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    index('care_team_member_staff_idx').on(t.organizationId, t.staffMemberId, t.personId),
    // One current membership per person and staff member (history rows have removed_at set).
    uniqueIndex('care_team_member_current_unique').on(t.organizationId, t.personId, t.staffMemberId).where(sql`removed_at IS NULL`),
  ],
);
