import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp, setUpOrganization, type TestOrganization } from '../../test/factories.js';
import type { RelaisApp } from '../../server/types.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { sealAuditChain } from '../audit/seal-audit-chain.js';
import { purgeExpiredRecords, startRecordPurger, type PurgedRecords } from './purge-expired-records.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const q = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => database.admin.query<T>(text, values);
const exists = async (table: string, where: string, values: unknown[]) => ((await q(`SELECT 1 FROM ${table} WHERE ${where}`, values)).rowCount ?? 0) > 0;

/** Row counts of every audit table: housekeeping must leave them exactly as they were. */
async function auditTables(): Promise<Record<string, number>> {
  const tables = (await q<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'audit%' ORDER BY 1")).rows.map((r) => r.t);
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
  return counts;
}

/** A session of a new colleague, aged behind the application's back. */
async function sessionAged(set: string): Promise<{ id: string; client: Awaited<ReturnType<typeof addStaffMember>>['client'] }> {
  const member = await addStaffMember(app, org);
  const { rows } = await q<{ id: string }>(`UPDATE session SET ${set} WHERE staff_member_id = $1 RETURNING id`, [member.id]);
  expect(rows).toHaveLength(1);
  return { id: rows[0]!.id, client: member.client };
}

describe('purging expired records', () => {
  it('deletes what is over, keeps what may still be needed, and never touches the audit trail', async () => {
    // Sessions: ended more than 30 days ago go; ended recently, or live, stay.
    const expiredLongAgo = await sessionAged("created_at = now() - interval '40 days', expires_at = now() - interval '31 days'");
    const revokedLongAgo = await sessionAged("revoked_at = now() - interval '31 days', revoked_reason = 'sign_out'");
    const expiredRecently = await sessionAged("expires_at = now() - interval '29 days'");
    const revokedRecently = await sessionAged("revoked_at = now() - interval '29 days', revoked_reason = 'sign_out'");
    const live = await sessionAged('last_seen_at = now()');

    // Rate-limit buckets: a window of 15 minutes.
    const ended = `purge-test:ended:${crypto.randomUUID()}`;
    const current = `purge-test:current:${crypto.randomUUID()}`;
    await q("INSERT INTO rate_limit_bucket (key, window_start, hits) VALUES ($1, now() - interval '16 minutes', 5), ($2, now() - interval '14 minutes', 5)", [ended, current]);

    // Idempotency records: past expires_at go.
    const fingerprint = crypto.randomBytes(32);
    await q(
      `INSERT INTO idempotency_record (organization_id, staff_member_id, key, fingerprint, result, expires_at)
       VALUES ($1, $2, 'expired-key', $3, '{}', now() - interval '1 second'), ($1, $2, 'current-key', $3, '{}', now() + interval '1 hour')`,
      [org.organizationId, org.adminId, fingerprint],
    );

    // Setup tokens: the one spent at setup, aged 2 days, goes; one spent 12 hours ago and an unused one stay.
    const spentAtSetup = (await q<{ id: string }>("UPDATE setup_token SET used_at = now() - interval '2 days' WHERE used_at IS NOT NULL RETURNING id")).rows;
    expect(spentAtSetup).toHaveLength(1);
    const recentlyUsed = crypto.randomUUID();
    const unused = crypto.randomUUID();
    await q("INSERT INTO setup_token (id, token_hash, used_at) VALUES ($1, $2, now() - interval '12 hours'), ($3, $4, NULL)", [
      recentlyUsed,
      crypto.randomBytes(32),
      unused,
      crypto.randomBytes(32),
    ]);

    await sealAuditChain(database.db);
    const auditBefore = await auditTables();

    const purged = await purgeExpiredRecords(database.db);
    expect(purged).toEqual({ sessions: 2, rateLimitBuckets: 1, idempotencyRecords: 1, setupTokens: 1 } satisfies PurgedRecords);

    for (const gone of [expiredLongAgo, revokedLongAgo]) expect(await exists('session', 'id = $1', [gone.id])).toBe(false);
    for (const kept of [expiredRecently, revokedRecently, live]) expect(await exists('session', 'id = $1', [kept.id])).toBe(true);
    expect((await live.client.get('/api/v1/session')).status).toBe(200);
    expect((await org.admin.get('/api/v1/session')).status).toBe(200);

    expect(await exists('rate_limit_bucket', 'key = $1', [ended])).toBe(false);
    expect(await exists('rate_limit_bucket', 'key = $1', [current])).toBe(true);
    expect(await exists('idempotency_record', "key = 'expired-key'", [])).toBe(false);
    expect(await exists('idempotency_record', "key = 'current-key'", [])).toBe(true);
    expect(await exists('setup_token', 'id = $1', [spentAtSetup[0]!.id])).toBe(false);
    expect(await exists('setup_token', 'id = $1', [recentlyUsed])).toBe(true);
    expect(await exists('setup_token', 'id = $1', [unused])).toBe(true);

    expect(await auditTables()).toEqual(auditBefore);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);

    // A second pass finds nothing more.
    expect(await purgeExpiredRecords(database.db)).toEqual({ sessions: 0, rateLimitBuckets: 0, idempotencyRecords: 0, setupTokens: 0 });
  });

  it('works through a backlog larger than one batch', async () => {
    const keys = Array.from({ length: 7 }, () => `purge-test:backlog:${crypto.randomUUID()}`);
    await q("INSERT INTO rate_limit_bucket (key, window_start, hits) SELECT k, now() - interval '1 day', 1 FROM unnest($1::text[]) AS k", [keys]);
    const purged = await purgeExpiredRecords(database.db, { batchSize: 2 });
    expect(purged.rateLimitBuckets).toBe(7);
    expect((await q('SELECT 1 FROM rate_limit_bucket WHERE key = ANY($1)', [keys])).rowCount).toBe(0);
  });

  it('runs once at start, then on its interval, and stops cleanly', async () => {
    const key = `purge-test:runner:${crypto.randomUUID()}`;
    await q("INSERT INTO rate_limit_bucket (key, window_start, hits) VALUES ($1, now() - interval '1 day', 1)", [key]);
    const passes: PurgedRecords[] = [];
    const errors: unknown[] = [];
    const purger = startRecordPurger(database.db, (error) => errors.push(error), { intervalMs: 50, onPurged: (p) => passes.push(p) });
    try {
      const deadline = Date.now() + 10_000;
      while (passes.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await purger.stop();
    }
    expect(errors).toEqual([]);
    expect(passes.length).toBeGreaterThanOrEqual(2);
    expect(passes[0]!.rateLimitBuckets).toBeGreaterThanOrEqual(1);
    expect(await exists('rate_limit_bucket', 'key = $1', [key])).toBe(false);
    const after = passes.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(passes.length).toBe(after);
  });
});
