import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, organizationId } from '../../db/columns.js';
import { bytea } from '../staff/schema.js';

// A retried POST with the same Idempotency-Key has one effect: the first request's result is kept
// here, written in the same transaction as its effect; the primary key makes concurrent retries wait
// for the first and then read its result.
export const idempotencyRecord = pgTable(
  'idempotency_record',
  {
    organizationId: organizationId(),
    staffMemberId: uuid('staff_member_id').notNull(),
    key: text('key').notNull(),
    fingerprint: bytea('fingerprint').notNull(),
    result: jsonb('result'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.staffMemberId, t.key] })],
);
