import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { asSystem, type Tx } from '../../db/transaction.js';

export type ChainProblemKind =
  /** a link of the chain is gone (a sequence number is skipped, or the chain stops before its recorded head) */
  | 'missing_link'
  /** a link does not point at the hash of the link before it */
  | 'broken_link'
  /** the chain names an event that no longer exists */
  | 'missing_event'
  /** the event's content no longer matches the hash sealed for it */
  | 'altered_event'
  /** the recorded head of the chain does not match its last link */
  | 'head_mismatch'
  /** an event older than the sealing horizon that is not in the chain (inserted behind the sealer's back) */
  | 'unchained_event';

export interface ChainProblem {
  organizationId: string;
  kind: ChainProblemKind;
  seq: number | null;
  eventId: number | null;
}

export interface AuditVerification {
  ok: boolean;
  organizations: number;
  /** events checked against their sealed hash */
  verified: number;
  /** events written but not yet sealed (the sealer links them within a second) */
  pending: number;
  firstProblem: ChainProblem | null;
}

type BatchRow = {
  n: number;
  last_seq: number | null;
  last_hash: Buffer | null;
  problem_seq: number | null;
  problem_event: number | null;
  problem: ChainProblemKind | null;
};

// Walks one slice of one organization's chain in the database: each link's sequence number, its
// pointer to the previous hash, the event's existence, and the event's digest recomputed.
async function verifySlice(tx: Tx, organizationId: string, afterSeq: number, afterHash: Buffer, limit: number): Promise<BatchRow> {
  const result = await tx.execute<BatchRow>(sql`
    WITH batch AS (
      SELECT c.seq, c.event_id, c.hash,
             -- a gap is reported at the first missing sequence number
             CASE WHEN c.seq <> coalesce(lag(c.seq) OVER w, ${afterSeq}::bigint) + 1
                  THEN coalesce(lag(c.seq) OVER w, ${afterSeq}::bigint) + 1 ELSE c.seq END AS reported_seq,
             CASE
               WHEN c.seq <> coalesce(lag(c.seq) OVER w, ${afterSeq}::bigint) + 1 THEN 'missing_link'
               WHEN c.prev_hash <> coalesce(lag(c.hash) OVER w, ${afterHash}::bytea) THEN 'broken_link'
               WHEN e.id IS NULL THEN 'missing_event'
               WHEN relais_audit_digest(e, c.prev_hash) <> c.hash THEN 'altered_event'
             END AS problem
        FROM audit_chain c
        LEFT JOIN audit_event e ON e.organization_id = c.organization_id AND e.id = c.event_id
       WHERE c.organization_id = ${organizationId} AND c.seq > ${afterSeq}
      WINDOW w AS (ORDER BY c.seq)
       ORDER BY c.seq
       LIMIT ${limit}
    ), first_problem AS (
      SELECT reported_seq, CASE WHEN problem = 'missing_link' THEN NULL ELSE event_id END AS event_id, problem FROM batch WHERE problem IS NOT NULL ORDER BY seq LIMIT 1
    ), last AS (
      SELECT seq, hash FROM batch ORDER BY seq DESC LIMIT 1
    )
    SELECT (SELECT count(*) FROM batch)::bigint AS n,
           (SELECT seq FROM last) AS last_seq,
           (SELECT hash FROM last) AS last_hash,
           (SELECT reported_seq FROM first_problem) AS problem_seq,
           (SELECT event_id FROM first_problem) AS problem_event,
           (SELECT problem FROM first_problem) AS problem`);
  return result.rows[0]!;
}

/**
 * Verifies every organization's audit chain from its first link to its recorded head, and reports
 * the first altered or missing event. Reading is done in slices so memory stays flat.
 */
export async function verifyAuditChain(db: Db, options: { sliceSize?: number; organizationId?: string } = {}): Promise<AuditVerification> {
  const sliceSize = options.sliceSize ?? 200_000;
  return asSystem(db, async (tx) => {
    // One consistent snapshot for the whole walk, so the sealer running meanwhile changes nothing we see.
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
    const heads = await tx.execute<{ organization_id: string; seq: number; hash: Buffer }>(sql`
      SELECT organization_id, seq, hash FROM audit_chain_head
       WHERE ${options.organizationId ?? null}::uuid IS NULL OR organization_id = ${options.organizationId ?? null}::uuid
       ORDER BY organization_id`);
    let verified = 0;
    let firstProblem: ChainProblem | null = null;
    for (const head of heads.rows) {
      let seq = 0;
      let hash: Buffer = Buffer.alloc(0);
      for (;;) {
        const slice = await verifySlice(tx, head.organization_id, seq, hash, sliceSize);
        if (slice.problem) {
          firstProblem = { organizationId: head.organization_id, kind: slice.problem, seq: Number(slice.problem_seq), eventId: slice.problem_event === null ? null : Number(slice.problem_event) };
          break;
        }
        if (Number(slice.n) === 0) break;
        verified += Number(slice.n);
        seq = Number(slice.last_seq);
        hash = slice.last_hash!;
        if (Number(slice.n) < sliceSize) break;
      }
      if (firstProblem) break;
      if (seq < Number(head.seq)) {
        firstProblem = { organizationId: head.organization_id, kind: 'missing_link', seq: seq + 1, eventId: null };
        break;
      }
      if (seq > Number(head.seq) || !hash.equals(head.hash)) {
        firstProblem = { organizationId: head.organization_id, kind: 'head_mismatch', seq, eventId: null };
        break;
      }
    }
    const counts = await tx.execute<{ pending: number; unchained_id: number | null; unchained_org: string | null }>(sql`
      WITH h AS (SELECT horizon FROM audit_seal_state WHERE singleton = 'x'),
      unchained AS (
        SELECT e.organization_id, e.id FROM audit_event e, h
         WHERE e.txid < h.horizon
           AND (${options.organizationId ?? null}::uuid IS NULL OR e.organization_id = ${options.organizationId ?? null}::uuid)
           AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.organization_id = e.organization_id AND c.event_id = e.id)
         ORDER BY e.organization_id, e.id LIMIT 1
      )
      SELECT (SELECT count(*) FROM audit_event e, h WHERE e.txid >= h.horizon
                AND (${options.organizationId ?? null}::uuid IS NULL OR e.organization_id = ${options.organizationId ?? null}::uuid))::bigint AS pending,
             (SELECT id FROM unchained) AS unchained_id,
             (SELECT organization_id FROM unchained) AS unchained_org`);
    const row = counts.rows[0]!;
    if (!firstProblem && row.unchained_id !== null) {
      firstProblem = { organizationId: row.unchained_org!, kind: 'unchained_event', seq: null, eventId: Number(row.unchained_id) };
    }
    return { ok: firstProblem === null, organizations: heads.rows.length, verified, pending: Number(row.pending), firstProblem };
  });
}
