import { sql } from 'drizzle-orm';
import { date, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { staffMember } from '../staff/schema.js';

// The person supported. Minimal here; the admission module extends the record.
export const person = pgTable(
  'person',
  {
    organizationId: organizationId(),
    id: idColumn(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] })],
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
