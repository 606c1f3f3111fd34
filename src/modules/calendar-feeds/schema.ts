import { sql } from 'drizzle-orm';
import { foreignKey, pgTable, primaryKey, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { bytea, staffMember } from '../staff/schema.js';

// A staff member's iCalendar feed: a secret link (only its hash is kept), revocable.
export const calendarFeed = pgTable(
  'calendar_feed',
  {
    organizationId: organizationId(),
    id: idColumn(),
    staffMemberId: uuid('staff_member_id').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.staffMemberId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    uniqueIndex('calendar_feed_token_unique').on(t.tokenHash),
    uniqueIndex('calendar_feed_one_active').on(t.organizationId, t.staffMemberId).where(sql`revoked_at IS NULL`),
  ],
);
