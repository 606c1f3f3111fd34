import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedCluster } from '../db/embedded-cluster.js';
import { runMigrations } from '../db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
    runId: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL per run: the embedded cluster in a temporary directory, or the server named by
 * TEST_DATABASE_URL. A template database is migrated once; each test file copies it.
 */
export default async function setup(project: TestProject) {
  const runId = crypto.randomBytes(4).toString('hex');
  let adminUrl: string;
  let stopCluster = async () => {};
  let dataDir: string | null = null;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-test-'));
    fs.chmodSync(dataDir, 0o755);
    const cluster = await startEmbeddedCluster(dataDir);
    adminUrl = cluster.connectionString('postgres');
    stopCluster = cluster.stop;
  }
  const templateDatabase = `relais_template_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await runMigrations(withDatabase(adminUrl, templateDatabase));
  await admin.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('runId', runId);

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const leftovers = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`relais_%_${runId}%`]);
    for (const { datname } of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await client.end();
    await stopCluster();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
