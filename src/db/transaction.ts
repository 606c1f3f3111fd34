import { sql } from 'drizzle-orm';
import type { Db } from './connection.js';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface TenantScope {
  organizationId: string;
  actorId: string | null;
}

/**
 * Runs `work` in one transaction acting for one organization: row level security shows only its
 * rows. Every query on a person's data goes through here (or through a request context built on it).
 */
export async function inTenant<T>(db: Db, scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT set_config('app.org_id', ${scope.organizationId}, true), set_config('app.actor_id', ${scope.actorId ?? ''}, true)`,
    );
    return work(tx);
  });
}

/**
 * Installation-level work that no organization owns: sign-in lookups, session resolution, setup,
 * sealing and verifying the audit chain. Runs as relais_system for this transaction only.
 */
export async function asSystem<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL ROLE relais_system`);
    return work(tx);
  });
}
