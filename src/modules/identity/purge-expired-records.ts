import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { asSystem, type Tx } from '../../db/transaction.js';
import { repeatEvery } from '../../lib/repeat-every.js';
import { deleteExpiredIdempotencyRecords } from '../requests/idempotency.js';
import { longestRateLimitWindowSeconds } from './rate-limit.js';

/** How long what has ended is kept, for support questions ("was I signed out?"), before it goes. */
export const retention = { endedSessionDays: 30, usedSetupTokenDays: 1 } as const;

export interface PurgedRecords {
  sessions: number;
  rateLimitBuckets: number;
  idempotencyRecords: number;
  setupTokens: number;
}

// Each statement deletes one batch of rows that are over, chosen and locked first; rows another
// transaction holds are skipped (they go on the next pass) so housekeeping never waits on a request.
const deleteEndedSessions = (limit: number): SQL => sql`
  DELETE FROM session s
   USING (SELECT organization_id, id FROM session
           WHERE expires_at < now() - make_interval(days => ${retention.endedSessionDays})
              OR revoked_at < now() - make_interval(days => ${retention.endedSessionDays})
           LIMIT ${limit} FOR UPDATE SKIP LOCKED) old
   WHERE (s.organization_id, s.id) = (old.organization_id, old.id)`;

const deleteEndedRateLimitWindows = (limit: number): SQL => sql`
  DELETE FROM rate_limit_bucket b
   USING (SELECT key FROM rate_limit_bucket
           WHERE window_start <= now() - make_interval(secs => ${longestRateLimitWindowSeconds})
           LIMIT ${limit} FOR UPDATE SKIP LOCKED) old
   WHERE b.key = old.key`;

const deleteUsedSetupTokens = (limit: number): SQL => sql`
  DELETE FROM setup_token t
   USING (SELECT id FROM setup_token
           WHERE used_at < now() - make_interval(days => ${retention.usedSetupTokenDays})
           LIMIT ${limit} FOR UPDATE SKIP LOCKED) old
   WHERE t.id = old.id`;

const statement = (build: (limit: number) => SQL) => async (tx: Tx, limit: number) => (await tx.execute(build(limit))).rowCount ?? 0;

/**
 * Deletes what is over and no longer needed: sessions ended (expired or revoked) more than 30 days
 * ago, rate-limit buckets whose window has ended, idempotency records past their window, and setup
 * tokens used more than a day ago. Never the audit trail: it keeps its own record of all of these.
 * Batches of `batchSize` rows, each in its own short transaction as relais_system.
 */
export async function purgeExpiredRecords(db: Db, options: { batchSize?: number } = {}): Promise<PurgedRecords> {
  const batchSize = options.batchSize ?? 5_000;
  const drain = async (deleteBatch: (tx: Tx, limit: number) => Promise<number>) => {
    let total = 0;
    for (;;) {
      const deleted = await asSystem(db, (tx) => deleteBatch(tx, batchSize));
      total += deleted;
      if (deleted < batchSize) return total;
    }
  };
  return {
    sessions: await drain(statement(deleteEndedSessions)),
    rateLimitBuckets: await drain(statement(deleteEndedRateLimitWindows)),
    idempotencyRecords: await drain(deleteExpiredIdempotencyRecords),
    setupTokens: await drain(statement(deleteUsedSetupTokens)),
  };
}

/** Purges once now, then every `intervalMs` (10 minutes), until stopped. */
export function startRecordPurger(
  db: Db,
  onError: (error: unknown) => void,
  options: { intervalMs?: number; onPurged?: (purged: PurgedRecords) => void } = {},
): { stop: () => Promise<void> } {
  return repeatEvery(
    options.intervalMs ?? 10 * 60_000,
    () => purgeExpiredRecords(db).then((purged) => options.onPurged?.(purged)),
    onError,
  );
}
