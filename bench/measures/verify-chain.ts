import type { Database } from '../../src/db/connection.js';
import { sealAuditChain } from '../../src/modules/audit/seal-audit-chain.js';
import { verifyAuditChain, type ChainProblem } from '../../src/modules/audit/verify-audit-chain.js';
import { median } from '../lib/stats.js';

export interface VerifierMeasure {
  /** Set when the verifier could not run: the rest of the bench still reports. */
  error?: string;
  eventsPerSecond: number;
  verified: number;
  pending: number;
  ok: boolean;
  firstProblem: ChainProblem | null;
  /** Each run's duration; the figure is the median run. */
  runsMs: number[];
}

/** (c) verify the audit chain, as `npm run audit:verify` does: seal what is finished, then walk every chain. */
export async function measureVerifier(database: Database, runs: number): Promise<VerifierMeasure> {
  try {
    return await verifyRuns(database, runs);
  } catch (error) {
    // Drizzle wraps the database's error (the useful part) in `cause`, after the whole query text.
    const cause = (error as { cause?: unknown }).cause;
    const message = cause instanceof Error ? cause.message : (error as Error).message.split('\n')[0]!;
    return { error: message, eventsPerSecond: 0, verified: 0, pending: 0, ok: false, firstProblem: null, runsMs: [] };
  }
}

async function verifyRuns(database: Database, runs: number): Promise<VerifierMeasure> {
  await sealAuditChain(database.db);
  const runsMs: number[] = [];
  let last: Awaited<ReturnType<typeof verifyAuditChain>> | null = null;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await verifyAuditChain(database.db);
    runsMs.push(performance.now() - started);
  }
  if (!last) throw new Error('no verifier run');
  const ms = median(runsMs);
  return {
    eventsPerSecond: ms > 0 ? last.verified / (ms / 1000) : 0,
    verified: last.verified,
    pending: last.pending,
    ok: last.ok,
    firstProblem: last.firstProblem,
    runsMs: runsMs.map((m) => Math.round(m)),
  };
}
