import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/transaction.js';
import { DomainError } from '../../lib/domain-error.js';
import { idempotencyRecord } from './schema.js';

export interface IdempotencyKey {
  key: string;
  /** A digest of what was asked (method, path, body): the same key for a different request is refused. */
  fingerprint: Buffer;
}

export function fingerprintRequest(method: string, path: string, body: unknown): Buffer {
  return crypto.createHash('sha256').update(`${method} ${path}\n${JSON.stringify(body ?? null)}`).digest();
}

export const idempotencyWindowHours = 24;

/**
 * Claims the key for this request inside its transaction. Returns the stored result when a request
 * with this key already completed; a concurrent duplicate waits on the primary key until the first
 * commits (then reads its result) or rolls back (then proceeds itself).
 */
export async function claimIdempotencyKey(tx: Tx, scope: { organizationId: string; staffMemberId: string }, idempotency: IdempotencyKey): Promise<{ replay: false } | { replay: true; result: unknown }> {
  // An expired record frees its key.
  await tx
    .delete(idempotencyRecord)
    .where(
      and(
        eq(idempotencyRecord.organizationId, scope.organizationId),
        eq(idempotencyRecord.staffMemberId, scope.staffMemberId),
        eq(idempotencyRecord.key, idempotency.key),
        sql`${idempotencyRecord.expiresAt} < now()`,
      ),
    );
  const claimed = await tx
    .insert(idempotencyRecord)
    .values({ ...scope, key: idempotency.key, fingerprint: idempotency.fingerprint, expiresAt: sql`now() + make_interval(hours => ${idempotencyWindowHours})` })
    .onConflictDoNothing()
    .returning({ key: idempotencyRecord.key });
  if (claimed.length) return { replay: false };
  const [existing] = await tx
    .select({ fingerprint: idempotencyRecord.fingerprint, result: idempotencyRecord.result })
    .from(idempotencyRecord)
    .where(and(eq(idempotencyRecord.organizationId, scope.organizationId), eq(idempotencyRecord.staffMemberId, scope.staffMemberId), eq(idempotencyRecord.key, idempotency.key)));
  if (!existing || !existing.fingerprint.equals(idempotency.fingerprint)) throw new DomainError('idempotency_key_reused');
  return { replay: true, result: existing.result };
}

export async function storeIdempotentResult(tx: Tx, scope: { organizationId: string; staffMemberId: string }, key: string, result: unknown): Promise<void> {
  await tx
    .update(idempotencyRecord)
    .set({ result: (result ?? null) as Record<string, unknown> | null })
    .where(and(eq(idempotencyRecord.organizationId, scope.organizationId), eq(idempotencyRecord.staffMemberId, scope.staffMemberId), eq(idempotencyRecord.key, key)));
}

/**
 * Deletes up to `limit` records past their window (housekeeping, as relais_system); returns how
 * many. Rows a request holds are skipped, not waited for: they go on a later pass.
 */
export async function deleteExpiredIdempotencyRecords(tx: Tx, limit: number): Promise<number> {
  const result = await tx.execute(sql`
    DELETE FROM idempotency_record r
     USING (SELECT organization_id, staff_member_id, key FROM idempotency_record
             WHERE expires_at < now() LIMIT ${limit} FOR UPDATE SKIP LOCKED) old
     WHERE (r.organization_id, r.staff_member_id, r.key) = (old.organization_id, old.staff_member_id, old.key)`);
  return result.rowCount ?? 0;
}
