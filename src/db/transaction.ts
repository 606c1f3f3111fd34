import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from './connection.js';

/** A query handle bound to one open transaction. */
export type Tx = NodePgDatabase;

export interface TenantScope {
  organizationId: string;
  actorId: string | null;
}

/** Quotes a value as an SQL literal (pg's own escaping), for statements sent as plain text. */
export type Literal = (value: string | null) => string;

/**
 * Statements to send in the same round trip as COMMIT, written with `literal` (for instance the
 * request's audit events): they commit or fail with everything else.
 */
export type BeforeCommit = (literal: Literal) => string;

const handles = new WeakMap<pg.PoolClient, Tx>();
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One Drizzle handle per pooled connection, made once: a request only borrows it.
function handleFor(client: pg.PoolClient): Tx {
  let handle = handles.get(client);
  if (!handle) {
    handle = drizzle({ client });
    handles.set(client, handle);
  }
  return handle;
}

/**
 * One transaction on one pooled connection. The opening statements travel with BEGIN and the
 * closing ones with COMMIT, so a request pays two round trips for its transaction rather than four
 * or more: on a small machine round trips, not queries, are what a request costs.
 */
async function transaction<T>(db: Db, opening: string, work: (tx: Tx) => Promise<T>, beforeCommit?: BeforeCommit): Promise<T> {
  const pool = db.$client;
  const client = await pool.connect();
  const literal: Literal = (value) => (value === null ? 'NULL' : client.escapeLiteral(value));
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; ${opening}`);
    const result = await work(handleFor(client));
    const closing = beforeCommit ? beforeCommit(literal) : '';
    await client.query(closing ? `${closing}; COMMIT` : 'COMMIT');
    return result;
  } catch (error) {
    // Harmless when the transaction already ended; a connection that cannot even roll back is discarded.
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Runs `work` in one transaction acting for one organization: row level security shows only its
 * rows. Every query on a person's data goes through here (or through a request context built on it).
 */
export async function inTenant<T>(db: Db, scope: TenantScope, work: (tx: Tx) => Promise<T>, beforeCommit?: BeforeCommit): Promise<T> {
  // Both ids come from the database (a resolved session), never from a request; checked anyway,
  // since they are written into the statement text.
  if (!uuidPattern.test(scope.organizationId) || (scope.actorId !== null && !uuidPattern.test(scope.actorId))) {
    throw new Error('inTenant: organization and actor must be uuids');
  }
  return transaction(
    db,
    `SELECT set_config('app.org_id', '${scope.organizationId}', true), set_config('app.actor_id', '${scope.actorId ?? ''}', true)`,
    work,
    beforeCommit,
  );
}

/**
 * Installation-level work that no organization owns: sign-in lookups, setup, sealing and verifying
 * the audit chain. Runs as relais_system for this transaction only.
 */
export async function asSystem<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(db, 'SET LOCAL ROLE relais_system', work);
}
