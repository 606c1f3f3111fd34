import { sql } from 'drizzle-orm';
import { check, index, inet, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { bytea } from '../staff/schema.js';

// 'active': full access. 'totp_pending': password checked, second factor awaited.
// 'totp_enrollment': the organization requires two-factor and this account must enrol first.
export type SessionStage = 'active' | 'totp_pending' | 'totp_enrollment';

export const session = pgTable(
  'session',
  {
    organizationId: organizationId(),
    id: idColumn(),
    tokenHash: bytea('token_hash').notNull(),
    staffMemberId: uuid('staff_member_id').notNull(),
    stage: text('stage').$type<SessionStage>().notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().default(sql`now()`),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    unique('session_token_unique').on(t.tokenHash),
    index('session_staff_idx').on(t.organizationId, t.staffMemberId),
    check('session_stage_valid', sql`${t.stage} in ('active','totp_pending','totp_enrollment')`),
  ],
);

// Installation-wide tables (no organization): only the system role reads or writes them.
export const rateLimitBucket = pgTable('rate_limit_bucket', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
});

export const setupToken = pgTable('setup_token', {
  id: idColumn().primaryKey(),
  tokenHash: bytea('token_hash').notNull().unique(),
  createdAt: createdAt(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
