import { sql } from 'drizzle-orm';
import { bigint, customType, index, inet, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../staff/schema.js';

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

export type AuditOutcome = 'success' | 'denied' | 'failure';

// Append-only: the database refuses UPDATE and DELETE (trigger). Events are linked into a
// per-organization hash chain by the sealer (audit_chain), not at insert, so writers never queue
// behind one lock. Events without an organization (a failed sign-in for an unknown address) use
// the nil organization id.
export const auditEvent = pgTable(
  'audit_event',
  {
    organizationId: uuid('organization_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().default(sql`now()`),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    outcome: text('outcome').$type<AuditOutcome>().notNull(),
    personId: uuid('person_id'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: inet('ip'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    index('audit_event_person_idx').on(t.organizationId, t.personId, t.occurredAt),
    index('audit_event_txid_idx').on(t.txid),
  ],
);

export const auditChain = pgTable(
  'audit_chain',
  {
    organizationId: uuid('organization_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    prevHash: bytea('prev_hash').notNull(),
    hash: bytea('hash').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.seq] }), unique('audit_chain_event_unique').on(t.organizationId, t.eventId)],
);

export const auditChainHead = pgTable('audit_chain_head', {
  organizationId: uuid('organization_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: bytea('hash').notNull(),
});

// The sealer's watermark: every event whose transaction id is below `horizon` is in the chain.
export const auditSealState = pgTable('audit_seal_state', {
  singleton: text('singleton').primaryKey().default('x'),
  horizon: xid8('horizon').notNull(),
});
