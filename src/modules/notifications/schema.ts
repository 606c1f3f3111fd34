import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { staffMember } from '../staff/schema.js';

// Something a staff member should know ("a place is free in a service with people waiting").
// The payload names services and counts, never a person: notifications show on any screen.
export const notification = pgTable(
  'notification',
  {
    organizationId: organizationId(),
    id: idColumn(),
    recipientId: uuid('recipient_id').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.recipientId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    index('notification_recipient_idx').on(t.organizationId, t.recipientId, t.createdAt),
  ],
);
