import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/transaction.js';

/**
 * Fixed-window counters kept in the database (never in process memory), so that several Relais
 * processes share them. Run inside a system transaction.
 */
export interface RateLimit {
  key: string;
  limit: number;
  windowSeconds: number;
}

export async function countHit(tx: Tx, rule: RateLimit): Promise<{ hits: number; retryAfterSeconds: number }> {
  const result = await tx.execute<{ hits: number; retry_after: number }>(sql`
    INSERT INTO rate_limit_bucket AS b (key, window_start, hits) VALUES (${rule.key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN b.window_start <= now() - make_interval(secs => ${rule.windowSeconds}) THEN 1 ELSE b.hits + 1 END,
      window_start = CASE WHEN b.window_start <= now() - make_interval(secs => ${rule.windowSeconds}) THEN now() ELSE b.window_start END
    RETURNING hits, greatest(1, ceil(extract(epoch FROM (window_start + make_interval(secs => ${rule.windowSeconds}) - now()))))::int AS retry_after`);
  const row = result.rows[0]!;
  return { hits: Number(row.hits), retryAfterSeconds: Number(row.retry_after) };
}

/** Seconds to wait if the key has reached its limit in the current window, else null. */
export async function blockedFor(tx: Tx, rule: RateLimit): Promise<number | null> {
  const result = await tx.execute<{ retry_after: number }>(sql`
    SELECT greatest(1, ceil(extract(epoch FROM (window_start + make_interval(secs => ${rule.windowSeconds}) - now()))))::int AS retry_after
      FROM rate_limit_bucket
     WHERE key = ${rule.key} AND hits >= ${rule.limit} AND window_start > now() - make_interval(secs => ${rule.windowSeconds})`);
  const row = result.rows[0];
  return row ? Number(row.retry_after) : null;
}

export async function clearHits(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`DELETE FROM rate_limit_bucket WHERE key = ${key}`);
}

/**
 * Every rule below counts over this window. A bucket whose window started longer ago than this has
 * ended, whatever its rule, and is purged (see purge-expired-records.ts): a longer rule must raise it.
 */
export const longestRateLimitWindowSeconds = 15 * 60;

// Sign-in: failures per account (whatever the address typed, existing or not, so the limit does not
// reveal which accounts exist), and failures per network address (a whole clinic may sign in from
// one address at 8 o'clock: successes never count against it).
export const accountFailures = (email: string): RateLimit => ({ key: `sign-in:account:${email.trim().toLowerCase()}`, limit: 5, windowSeconds: longestRateLimitWindowSeconds });
export const addressFailures = (ip: string): RateLimit => ({ key: `sign-in:address:${ip}`, limit: 50, windowSeconds: longestRateLimitWindowSeconds });
export const secondFactorFailures = (staffMemberId: string): RateLimit => ({ key: `second-factor:${staffMemberId}`, limit: 5, windowSeconds: longestRateLimitWindowSeconds });
