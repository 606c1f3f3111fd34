import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditChain } from '../modules/audit/seal-audit-chain.js';
import { verifyAuditChain } from '../modules/audit/verify-audit-chain.js';
import type { RelaisApp } from '../server/types.js';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { buildTestApp } from '../test/factories.js';
import { TestClient } from '../test/http-client.js';
import { demoAccounts, demoPassword, demoPeople } from './demo-data.js';
import { seedDemo } from './seed-demo.js';

let database: TestDatabase;
let app: RelaisApp;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function signIn(key: string) {
  const account = demoAccounts.find((a) => a.key === key)!;
  const client = new TestClient(app);
  expect((await client.post('/api/v1/auth/sign-in', { email: account.email, password: demoPassword })).status).toBe(200);
  await client.refresh();
  return client;
}

describe('npm run demo', () => {
  it('fills an empty installation once, with accounts that sign in and records only their care teams read', async () => {
    expect(await seedDemo(database.db, { idleMinutes: 30, absoluteHours: 12 })).toBe(true);
    expect(await seedDemo(database.db, { idleMinutes: 30, absoluteHours: 12 })).toBe(false);
    const counts = await database.admin.query('SELECT (SELECT count(*) FROM staff_member)::int AS staff, (SELECT count(*) FROM person)::int AS people');
    expect(counts.rows[0]).toEqual({ staff: demoAccounts.length, people: demoPeople.length });

    const coordinator = await signIn('coordinator');
    const people = await coordinator.get<{ items: { id: string; displayName: string }[] }>('/api/v1/people?limit=200');
    expect(people.body.items).toHaveLength(demoPeople.length);
    expect((await coordinator.get(`/api/v1/people/${people.body.items[0]!.id}`)).status).toBe(200);

    const administrator = await signIn('administrator');
    expect((await administrator.get(`/api/v1/people/${people.body.items[0]!.id}`)).status).toBe(403);
    expect((await administrator.get<{ staff: unknown[] }>('/api/v1/staff')).body.staff).toHaveLength(demoAccounts.length);

    // Services, admissions, a waitlist and an inbox to triage, all through the use cases.
    const inbox = await coordinator.get<{ items: { channel: string }[] }>('/api/v1/referrals');
    expect(inbox.body.items).toHaveLength(3);
    expect(inbox.body.items.some((i) => i.channel === 'public_form')).toBe(true);
    const waitlist = await coordinator.get<{ position: number; status: string }[]>('/api/v1/waitlist');
    expect(waitlist.body.map((w) => w.position)).toEqual([1, 2, 3]);
    const board = await coordinator.get<{ services: { name: string; active: number; serviceLimit: number | null }[] }>('/api/v1/capacity-board');
    expect(board.body.services.find((s) => s.name === 'Accompagnement personnalisé')).toMatchObject({ active: demoPeople.length - 8, serviceLimit: 30 });
    const episodes = await coordinator.get<{ serviceName: string }[]>(`/api/v1/people/${people.body.items.find((p) => p.displayName === 'Chloé Bertin')!.id}/episodes`);
    expect(episodes.body.map((e) => e.serviceName)).toEqual(['Accompagnement personnalisé']);

    // Plans at every stage, and deadlines due for the coordinator's structure.
    const plans = await database.admin.query(`SELECT status, count(*)::int AS n FROM plan_version GROUP BY status ORDER BY status`);
    expect(plans.rows).toEqual([{ status: 'active', n: 6 }, { status: 'draft', n: 2 }]);
    const deadlines = await coordinator.get<{ items: { status: string }[] }>('/api/v1/deadlines?scope=structure');
    expect(deadlines.body.items.some((d) => d.status === 'overdue')).toBe(true);

    // A schedule (sessions done, one missed, a group with registrations) and continuity (journal, escalations, a transition, trajectories).
    const one = async (text: string) => (await database.admin.query(text)).rows[0] as Record<string, number>;
    expect(await one(`SELECT count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE status = 'missed')::int AS missed, count(*) FILTER (WHERE kind = 'group')::int AS groups FROM appointment`)).toMatchObject({ missed: 1, groups: 8 });
    expect((await one(`SELECT count(*)::int AS n FROM appointment_participant WHERE registration_status = 'registered'`)).n).toBe(10);
    expect(await one(`SELECT (SELECT count(*)::int FROM journal_entry) AS entries, (SELECT count(*)::int FROM escalation) AS escalations, (SELECT count(*)::int FROM transition) AS transitions, (SELECT count(DISTINCT episode_id)::int FROM intensity_period) AS trajectories`)).toEqual({ entries: 25, escalations: 2, transitions: 1, trajectories: 5 });

    await sealAuditChain(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, pending: 0 });
  });
});
