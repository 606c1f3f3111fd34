import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/connection.js';
import { lockDataDirectory } from '../../src/db/data-dir-lock.js';

export const defaultBenchDataDir = './data-bench';

export interface TargetOptions {
  /** A PostgreSQL server (DATABASE_URL); otherwise the embedded cluster of `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  onLog?: (line: string) => void;
}

export function describeTarget(options: TargetOptions): string {
  if (!options.databaseUrl) return `embedded PostgreSQL (${path.resolve(options.dataDir)})`;
  const url = new URL(options.databaseUrl);
  return `PostgreSQL server ${url.hostname}:${url.port || 5432}/${url.pathname.slice(1)}`;
}

/** Opens (starting and migrating as Relais does) the database a bench writes to or measures. */
export function openTarget(options: TargetOptions): Promise<Database> {
  return openDatabase({ databaseUrl: options.databaseUrl, dataDir: path.resolve(options.dataDir), ...(options.onLog ? { onLog: options.onLog } : {}) });
}

/**
 * Empties the target before a new data set. Embedded: the data directory is removed (after
 * checking no Relais holds it). Server: the database is dropped and created again, and only if its
 * name says it is a bench database, so a mistyped DATABASE_URL cannot wipe real data.
 */
export async function resetTarget(options: TargetOptions): Promise<void> {
  if (!options.databaseUrl) {
    const dir = path.resolve(options.dataDir);
    if (!fs.existsSync(dir)) return;
    const entries = fs.readdirSync(dir);
    const looksLikeRelais = entries.length === 0 || entries.includes('postgres') || entries.includes('postgres.secret');
    if (!looksLikeRelais) throw new Error(`${dir} does not look like a Relais data directory: not removing it`);
    lockDataDirectory(dir).release(); // throws if a running Relais holds it
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  const url = new URL(options.databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/bench/i.test(name) || !/^[a-z0-9_]+$/i.test(name)) {
    throw new Error(`refusing to reset database "${name}": only databases whose name contains "bench" are reset`);
  }
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

/** Creates the server database if it does not exist yet (a bench database on a shared server). */
export async function ensureServerDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}
