import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { projectRoot } from '../lib/project-root.js';

export const migrationsFolder = path.join(projectRoot, 'src', 'db', 'migrations');

/**
 * Applies pending migrations as the connecting (owner) role. An advisory lock makes concurrent
 * starts of several Relais processes on one database apply them once.
 */
export async function runMigrations(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: 'relais-migrate' });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    await client.query('SELECT pg_advisory_lock(7236512)');
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(7236512)').catch(() => {});
    await client.end();
  }
}
