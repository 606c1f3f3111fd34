import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/project-root.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildPerson, buildTestApp, setUpOrganization, type TestOrganization } from '../../test/factories.js';
import type { RelaisApp } from '../../server/types.js';
import { sealAuditChain } from './seal-audit-chain.js';
import { verifyAuditChain } from './verify-audit-chain.js';

const run = promisify(execFile);

interface World {
  database: TestDatabase;
  app: RelaisApp;
  org: TestOrganization;
  personId: string;
  coordinator: Awaited<ReturnType<typeof addStaffMember>>;
}

async function world(): Promise<World> {
  const database = await createTestDatabase();
  const app = await buildTestApp(database);
  const org = await setUpOrganization(app, database);
  const coordinator = await addStaffMember(app, org, { roles: ['coordinator'] });
  const personId = await buildPerson(coordinator.client);
  return { database, app, org, personId, coordinator };
}

const opened: World[] = [];
async function freshWorld() {
  const w = await world();
  opened.push(w);
  return w;
}
afterEach(async () => {
  for (const w of opened.splice(0)) {
    await w.app.close();
    await w.database.close();
  }
});

describe('the audit trail is append-only', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => {
    await w.app.close();
    await w.database.close();
  });

  it('refuses UPDATE, DELETE and TRUNCATE even to the database owner', async () => {
    await expect(w.database.admin.query("UPDATE audit_event SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(w.database.admin.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(w.database.admin.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    await sealAuditChain(w.database.db);
    await expect(w.database.admin.query('DELETE FROM audit_block')).rejects.toThrow(/append-only/);
  });

  it('gives the application role no right to change events at all', async () => {
    await expect(w.database.pool.query("UPDATE audit_event SET action = 'x'")).rejects.toThrow(/permission denied/);
  });

  it('seals concurrent writers into one intact chain per organization', async () => {
    const reads = await Promise.all(Array.from({ length: 40 }, () => w.coordinator.client.get(`/api/v1/people/${w.personId}`)));
    expect(reads.every((r) => r.status === 200)).toBe(true);
    await sealAuditChain(w.database.db);
    const total = (await w.database.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event')).rows[0]!.n;
    const report = await verifyAuditChain(w.database.db);
    expect(report).toMatchObject({ ok: true, pending: 0, firstProblem: null });
    expect(report.verified).toBe(total);
  });

  it('leaves an event of a transaction still open out of the chain, reports it pending, and seals it after commit', async () => {
    const client = await w.database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT set_config('app.org_id', $1, true)", [w.org.organizationId]);
      await client.query("INSERT INTO audit_event (organization_id, action, outcome) VALUES ($1, 'test.long_transaction', 'success')", [w.org.organizationId]);
      // Meanwhile other requests write and commit.
      await w.coordinator.client.get(`/api/v1/people/${w.personId}`);
      await sealAuditChain(w.database.db);
      const during = await verifyAuditChain(w.database.db);
      expect(during.ok).toBe(true);
      await client.query('COMMIT');
      const afterCommit = await verifyAuditChain(w.database.db);
      expect(afterCommit.pending).toBeGreaterThanOrEqual(1);
      await sealAuditChain(w.database.db);
      const sealed = await verifyAuditChain(w.database.db);
      expect(sealed).toMatchObject({ ok: true, pending: 0 });
      const inChain = await w.database.admin.query("SELECT count(*)::int AS n FROM audit_block b CROSS JOIN unnest(b.event_ids) AS u(id) JOIN audit_event e ON e.id = u.id WHERE e.action = 'test.long_transaction'");
      expect(inChain.rows[0].n).toBe(1);
    } finally {
      client.release();
    }
  });
});

describe('the verifier names the first altered or missing event', () => {
  // Tampering behind the application's back: as the owner, with triggers switched off.
  const tamper = (w: World, statement: string) => w.database.admin.query(`BEGIN; SET LOCAL session_replication_role = replica; ${statement}; COMMIT;`);

  it('catches an event whose content was changed after sealing', async () => {
    const w = await freshWorld();
    await w.coordinator.client.get(`/api/v1/people/${w.personId}`);
    await sealAuditChain(w.database.db);
    const target = (await w.database.admin.query<{ id: string }>("SELECT id FROM audit_event WHERE action = 'person.read' ORDER BY id LIMIT 1")).rows[0]!;
    await tamper(w, `UPDATE audit_event SET actor_id = NULL WHERE id = ${Number(target.id)}`);
    const report = await verifyAuditChain(w.database.db);
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ kind: 'altered_event', eventId: Number(target.id), organizationId: w.org.organizationId });
  });

  it('catches a deleted event', async () => {
    const w = await freshWorld();
    await sealAuditChain(w.database.db);
    const target = (await w.database.admin.query<{ id: string }>("SELECT id FROM audit_event WHERE action = 'person.created'")).rows[0]!;
    await tamper(w, `DELETE FROM audit_event WHERE id = ${Number(target.id)}`);
    const report = await verifyAuditChain(w.database.db);
    expect(report.firstProblem).toMatchObject({ kind: 'missing_event', eventId: Number(target.id) });
  });

  it('catches a whole block removed with its events', async () => {
    const w = await freshWorld();
    await sealAuditChain(w.database.db);
    await w.coordinator.client.get(`/api/v1/people/${w.personId}`);
    await sealAuditChain(w.database.db);
    await w.coordinator.client.get(`/api/v1/people/${w.personId}`);
    await sealAuditChain(w.database.db);
    const blocks = (await w.database.admin.query<{ seq: string; ids: string[] }>('SELECT seq, event_ids AS ids FROM audit_block WHERE organization_id = $1 ORDER BY seq', [w.org.organizationId])).rows;
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const victim = blocks[1]!;
    await tamper(w, `DELETE FROM audit_block WHERE organization_id = '${w.org.organizationId}' AND seq = ${Number(victim.seq)}; DELETE FROM audit_event WHERE id IN (${victim.ids.map(Number).join(',')})`);
    const report = await verifyAuditChain(w.database.db);
    expect(report.firstProblem).toMatchObject({ kind: 'missing_link', seq: Number(victim.seq) });
  });

  it('catches the end of the chain cut off', async () => {
    const w = await freshWorld();
    await sealAuditChain(w.database.db);
    await w.coordinator.client.get(`/api/v1/people/${w.personId}`);
    await sealAuditChain(w.database.db);
    const last = (await w.database.admin.query<{ seq: string }>('SELECT max(seq) AS seq FROM audit_block WHERE organization_id = $1', [w.org.organizationId])).rows[0]!;
    await tamper(w, `DELETE FROM audit_block WHERE organization_id = '${w.org.organizationId}' AND seq = ${Number(last.seq)}`);
    const report = await verifyAuditChain(w.database.db);
    expect(report.firstProblem).toMatchObject({ kind: 'missing_link', seq: Number(last.seq) });
  });

  it('catches an event slipped in behind the sealer', async () => {
    const w = await freshWorld();
    await sealAuditChain(w.database.db);
    await tamper(w, `INSERT INTO audit_event (organization_id, txid, action, outcome) VALUES ('${w.org.organizationId}', '3'::xid8, 'forged', 'success')`);
    const report = await verifyAuditChain(w.database.db);
    const forged = (await w.database.admin.query<{ id: string }>("SELECT id FROM audit_event WHERE action = 'forged'")).rows[0]!;
    expect(report.firstProblem).toMatchObject({ kind: 'unchained_event', eventId: Number(forged.id) });
  });

  it('npm run audit:verify exits 0 on an intact chain and 1, naming the event, on an altered one', async () => {
    const w = await freshWorld();
    const cli = path.join(projectRoot, 'src', 'cli', 'audit-verify.ts');
    const env = { ...process.env, DATABASE_URL: w.database.url };
    const ok = await run(process.execPath, ['--import', 'tsx', cli], { env, cwd: projectRoot });
    expect(ok.stdout).toMatch(/Chaîne d’audit intacte/);
    const target = (await w.database.admin.query<{ id: string }>("SELECT id FROM audit_event WHERE action = 'person.created'")).rows[0]!;
    await tamper(w, `UPDATE audit_event SET details = '{"forged": true}' WHERE id = ${Number(target.id)}`);
    const failed = await run(process.execPath, ['--import', 'tsx', cli], { env, cwd: projectRoot }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`événement / event ${Number(target.id)}`);
  });
});
