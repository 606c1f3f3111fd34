import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { asSystem } from '../../db/transaction.js';

/**
 * Links every finished transaction's audit events into their organization's hash chain (see the
 * relais_seal_audit_chain function). Writers never wait for this: they only insert.
 */
export async function sealAuditChain(db: Db, batchSize = 50_000): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await asSystem(db, async (tx) => {
      const result = await tx.execute<{ sealed: number }>(sql`SELECT relais_seal_audit_chain(${batchSize}::int) AS sealed`);
      return Number(result.rows[0]?.sealed ?? 0);
    });
    total += sealed;
    // A call seals at most about batchSize events (whole transactions): go on while there is a backlog.
    if (sealed < batchSize) return total;
  }
}

/** Seals continuously, about twice a second, until stopped. */
export function startAuditSealer(db: Db, onError: (error: unknown) => void, intervalMs = 400): { stop: () => Promise<void> } {
  let running = true;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (!running) return;
    current = sealAuditChain(db).catch(onError);
    await current;
    if (running) timer = setTimeout(() => void tick(), intervalMs);
  };
  let timer: NodeJS.Timeout = setTimeout(() => void tick(), intervalMs);
  return {
    stop: async () => {
      running = false;
      clearTimeout(timer);
      await current;
      await sealAuditChain(db).catch(onError); // seal what the last requests wrote
    },
  };
}
