import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { DataDirectoryInUseError, lockDataDirectory } from './data-dir-lock.js';
import { attachToRunningCluster, startEmbeddedCluster } from './embedded-cluster.js';
import { runMigrations } from './migrate.js';
import * as schema from './schema.js';

// Timestamps and dates come back as strings we control, not as JS Dates in the server's zone.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface Database {
  kind: 'embedded' | 'server';
  pool: pg.Pool;
  db: Db;
  /** The connection string (embedded or server), for tools such as the test harness. */
  url: string;
  close: () => Promise<void>;
}

/** A pool whose connections always act as relais_app: row level security applies to every query. */
export function createAppPool(connectionString: string, max = 20): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: 'relais',
    // Every connection acts as relais_app from its first query: never a superuser, which would bypass RLS.
    options: '-c role=relais_app -c statement_timeout=30000 -c idle_in_transaction_session_timeout=60000',
  });
  // An idle client dropped by the server must not crash the process.
  pool.on('error', () => {});
  return pool;
}

export function wrapPool(pool: pg.Pool): Db {
  return drizzle({ client: pool, schema });
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  migrate?: boolean;
  onLog?: (line: string) => void;
  /** For tools: when a Relais already runs on the data directory, use its database rather than fail. */
  attachIfRunning?: boolean;
}

function runningElsewhere(dataDir: string): boolean {
  try {
    lockDataDirectory(dataDir).release();
    return false;
  } catch (error) {
    if (error instanceof DataDirectoryInUseError) return true;
    throw error;
  }
}

/**
 * Opens the database Relais runs on: the PostgreSQL server named by DATABASE_URL, or else an
 * embedded PostgreSQL on the data directory (locked against a second Relais). Migrations run first.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const log = options.onLog ?? (() => {});
  let url: string;
  let kind: Database['kind'];
  let stopCluster: () => Promise<void> = async () => {};
  let releaseLock: () => void = () => {};

  if (options.databaseUrl) {
    url = options.databaseUrl;
    kind = 'server';
  } else if (options.attachIfRunning && runningElsewhere(options.dataDir)) {
    const cluster = attachToRunningCluster(options.dataDir);
    if (!cluster) throw new Error(`Relais runs on ${options.dataDir} but its database cannot be reached`);
    url = cluster.connectionString('relais');
    kind = 'embedded';
  } else {
    const lock = lockDataDirectory(options.dataDir);
    releaseLock = lock.release;
    try {
      const cluster = await startEmbeddedCluster(options.dataDir, log);
      stopCluster = cluster.stop;
      const admin = new pg.Client({ connectionString: cluster.connectionString('postgres') });
      await admin.connect();
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'relais'");
      if (exists.rowCount === 0) await admin.query('CREATE DATABASE relais');
      await admin.end();
      url = cluster.connectionString('relais');
      kind = 'embedded';
    } catch (error) {
      await stopCluster().catch(() => {});
      releaseLock();
      throw error;
    }
  }

  try {
    if (options.migrate !== false) await runMigrations(url);
  } catch (error) {
    await stopCluster().catch(() => {});
    releaseLock();
    throw error;
  }
  const pool = createAppPool(url);
  let closed = false;
  return {
    kind,
    pool,
    db: wrapPool(pool),
    url,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end().catch(() => {});
      await stopCluster();
      releaseLock();
    },
  };
}
