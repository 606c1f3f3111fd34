import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createAppPool, wrapPool, type Database } from '../db/connection.js';

export interface TestDatabase extends Database {
  /** A superuser client on this database, for tests that act behind the application's back. */
  admin: pg.Client;
  name: string;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database copied from the migrated template, dropped by `close()`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `relais_test_${inject('runId')}_${crypto.randomBytes(4).toString('hex')}`;
  const server = new pg.Client({ connectionString: adminUrl });
  await server.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await server.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
      break;
    } catch (error) {
      // Two files copying the template at the same instant: PostgreSQL asks the second to wait.
      if (attempt > 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await server.end();
  const url = withDatabase(adminUrl, name);
  const pool = createAppPool(url, 10);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  return {
    kind: process.env.TEST_DATABASE_URL ? 'server' : 'embedded',
    pool,
    db: wrapPool(pool),
    url,
    admin,
    name,
    close: async () => {
      await pool.end();
      await admin.end();
      const s = new pg.Client({ connectionString: adminUrl });
      await s.connect();
      await s.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await s.end();
    },
  };
}
