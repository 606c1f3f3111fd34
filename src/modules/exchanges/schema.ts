import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { person } from '../people/schema.js';
import { staffMember } from '../staff/schema.js';

// A thread between care-team members about a person: private to the care team, traceable.
export const teamThread = pgTable(
  'team_thread',
  {
    organizationId: organizationId(),
    id: idColumn(),
    personId: uuid('person_id').notNull(),
    subject: text('subject').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    index('team_thread_person_idx').on(t.organizationId, t.personId, t.lastMessageAt),
  ],
);

// A message of a thread. Never edited (trigger).
export const teamMessage = pgTable(
  'team_message',
  {
    organizationId: organizationId(),
    id: idColumn(),
    threadId: uuid('thread_id').notNull(),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.threadId], foreignColumns: [teamThread.organizationId, teamThread.id] }),
    foreignKey({ columns: [t.organizationId, t.authorId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    index('team_message_thread_idx').on(t.organizationId, t.threadId, t.createdAt),
  ],
);

// Who read a message, and when (read receipts).
export const teamMessageRead = pgTable(
  'team_message_read',
  {
    organizationId: organizationId(),
    messageId: uuid('message_id').notNull(),
    staffMemberId: uuid('staff_member_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.messageId, t.staffMemberId] }),
    foreignKey({ columns: [t.organizationId, t.messageId], foreignColumns: [teamMessage.organizationId, teamMessage.id] }),
  ],
);
