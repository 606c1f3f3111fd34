import { sql } from 'drizzle-orm';
import { bigint, customType, index, inet, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../staff/schema.js';

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

export type AuditOutcome = 'success' | 'denied' | 'failure';

// Append-only: the database refuses UPDATE and DELETE (trigger). Events are linked into a
// per-organization hash chain by the sealer (audit_block), not at insert, so writers never queue
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
    // the verifier reads each block's events in (txid, id) order within its organization
    index('audit_event_chain_order_idx').on(t.organizationId, t.txid, t.id),
  ],
);

// One link of an organization's chain: a block of events sealed together, in (txid, id) order.
// hash = sha256(prev_hash || seq || event_count || sha256(the events' canonical bytes, concatenated)).
// event_ids and event_hashes (sha256 of each event's bytes) only serve to name the culprit when a
// block does not verify; the chain itself commits to every byte of every event.
export const auditBlock = pgTable(
  'audit_block',
  {
    organizationId: uuid('organization_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    firstTxid: xid8('first_txid').notNull(),
    firstEventId: bigint('first_event_id', { mode: 'number' }).notNull(),
    lastTxid: xid8('last_txid').notNull(),
    lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
    eventCount: integer('event_count').notNull(),
    eventIds: bigint('event_ids', { mode: 'number' }).array().notNull(),
    eventHashes: bytea('event_hashes').array().notNull(),
    prevHash: bytea('prev_hash').notNull(),
    hash: bytea('hash').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.seq] })],
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
