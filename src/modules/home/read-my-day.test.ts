import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../lib/time.js';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { buildTestApp } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import { addMinutes, admitPerson, createService, setUpSchedulingStructure, type SchedulingStructure, type ServiceRef } from '../../test/scheduling-fixtures.js';

let database: TestDatabase;
let app: RelaisApp;
let s: SchedulingStructure;
let service: ServiceRef;

interface Home {
  today: string;
  appointments: { id: string; personLabel: string | null; day: string; title: string }[];
  escalations: { id: string; severity: string; personLabel: string | null; overdue: boolean }[];
  transitions: { id: string; personLabel: string | null; overdue: boolean; itemsDone: number; itemsTotal: number }[];
  offersPending: unknown[] | null;
  noContact: { personId: string; daysWithoutContact: number; maxDays: number }[];
  reviewFlags: { id: string; reason: string }[];
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  s = await setUpSchedulingStructure(app, database);
  service = await createService(s.coordinator.client, { maxDurationMinutes: 60, defaultDurationMinutes: 60 });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const sql = (text: string, params: unknown[] = []) => database.admin.query(text, params);

describe('the home page: what needs me today', () => {
  it('refuses an anonymous caller and an administrator (accounts, not clinical content)', async () => {
    expect((await new TestClient(app).get('/api/v1/home')).status).toBe(401);
    expect((await s.org.admin.get('/api/v1/home')).status).toBe(403);
  });

  it('gathers my appointments, escalations, transitions, people without contact and review flags; names people to their care team only, and audits each', async () => {
    const followed = await admitPerson(s, service, { referentId: s.peerWorker.id, firstName: 'Odile', lastName: 'Marchetti' });
    const quiet = await admitPerson(s, service, { referentId: s.peerWorker.id, firstName: 'Bruno', lastName: 'Tessier' });
    const elsewhere = await admitPerson(s, service, { referentId: s.nurse.id, firstName: 'Zoé', lastName: 'Arnaud' });

    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    const mine = await s.peerWorker.client.post<{ id: string }>('/api/v1/appointments', { kind: 'individual', serviceId: service.id, personId: followed.personId, modality: 'phone', startsAt: soon, endsAt: addMinutes(soon, 30), staffIds: [s.peerWorker.id] });
    expect(mine.status).toBe(201);
    const notMine = await s.nurse.client.post<{ id: string }>('/api/v1/appointments', { kind: 'individual', serviceId: service.id, personId: elsewhere.personId, modality: 'phone', startsAt: soon, endsAt: addMinutes(soon, 30), staffIds: [s.nurse.id] });
    expect(notMine.status).toBe(201);

    // Quiet has had no contact for 12 days while their plan says 7 at most; Odile was seen yesterday.
    const past = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await sql("UPDATE episode SET started_on = current_date - 60 WHERE id = ANY($1)", [[followed.episodeId, quiet.episodeId]]);
    for (const e of [followed, quiet]) {
      await sql('INSERT INTO intensity_period (organization_id, id, episode_id, starts_on, sessions_per_week, minutes_per_week, max_days_without_contact, created_by) VALUES ($1, gen_random_uuid(), $2, current_date - 60, 1, 45, 7, $3)', [s.org.organizationId, e.episodeId, s.peerWorker.id]);
    }
    const done = await s.peerWorker.client.post<{ id: string }>('/api/v1/appointments', { kind: 'individual', serviceId: service.id, personId: quiet.personId, modality: 'phone', startsAt: past(12), endsAt: addMinutes(past(12), 30), staffIds: [s.peerWorker.id] });
    await s.peerWorker.client.post(`/api/v1/appointments/${done.body.id}/status`, { status: 'done' });
    const recent = await s.peerWorker.client.post<{ id: string }>('/api/v1/appointments', { kind: 'individual', serviceId: service.id, personId: followed.personId, modality: 'phone', startsAt: past(1), endsAt: addMinutes(past(1), 30), staffIds: [s.peerWorker.id] });
    await s.peerWorker.client.post(`/api/v1/appointments/${recent.body.id}/status`, { status: 'done' });

    // An urgent escalation sent to me, overdue; a concern not yet due; one for someone else.
    const entry = async (episodeId: string, personId: string) =>
      (await sql("INSERT INTO journal_entry (organization_id, id, episode_id, person_id, kind, text, occurred_at, author_id, search_text) VALUES ($1, gen_random_uuid(), $2, $3, 'emerging_need', 'Sommeil très perturbé', now(), $4, 'Sommeil très perturbé') RETURNING id", [s.org.organizationId, episodeId, personId, s.nurse.id])).rows[0].id as string;
    const escalate = async (entryId: string, e: { episodeId: string; personId: string }, severity: string, to: string, dueInMinutes: number) =>
      (await sql("INSERT INTO escalation (organization_id, id, entry_id, episode_id, person_id, severity, request, addressee_id, assignee_id, acknowledge_by, raised_by, raised_at) VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, 'Pouvez-vous la rappeler ?', $6, $6, now() + make_interval(mins => $7), $8, now() - interval '3 hours') RETURNING id", [s.org.organizationId, entryId, e.episodeId, e.personId, severity, to, dueInMinutes, s.nurse.id])).rows[0].id as string;
    const urgent = await escalate(await entry(followed.episodeId, followed.personId), followed, 'urgent', s.peerWorker.id, -60);
    const concern = await escalate(await entry(quiet.episodeId, quiet.personId), quiet, 'concern', s.peerWorker.id, 600);
    await escalate(await entry(elsewhere.episodeId, elsewhere.personId), elsewhere, 'emergency', s.nurse.id, 5);

    const transition = (await sql("INSERT INTO transition (organization_id, id, episode_id, person_id, to_phase, planned_on, responsible_id, created_by) VALUES ($1, gen_random_uuid(), $2, $3, 'retour', current_date - 1, $4, $4) RETURNING id", [s.org.organizationId, followed.episodeId, followed.personId, s.peerWorker.id])).rows[0].id as string;
    await sql("INSERT INTO transition_item (organization_id, transition_id, item_id, label, done_at) VALUES ($1, $2, gen_random_uuid(), 'Visite du logement', now()), ($1, $2, gen_random_uuid(), 'Relais avec le médecin traitant', NULL)", [s.org.organizationId, transition]);
    const flag = (await sql("INSERT INTO review_flag (organization_id, id, episode_id, reason, details) VALUES ($1, gen_random_uuid(), $2, 'sustained_excess', '{}') RETURNING id", [s.org.organizationId, quiet.episodeId])).rows[0].id as string;

    const auditBefore = Number((await sql("SELECT count(*) AS n FROM audit_event WHERE action = 'home.read'")).rows[0].n);
    const home = await s.peerWorker.client.get<Home>('/api/v1/home');
    expect(home.status).toBe(200);
    const body = home.body;
    expect(body.today).toBe(todayIn('Europe/Paris'));
    const expectedDay = todayIn('Europe/Paris', new Date(soon)) === body.today ? 'today' : 'tomorrow';
    expect(body.appointments.map((a) => a.id)).toContain(mine.body.id);
    expect(body.appointments.map((a) => a.id)).not.toContain(notMine.body.id);
    expect(body.appointments.find((a) => a.id === mine.body.id)).toMatchObject({ personLabel: 'Odile Marchetti', day: expectedDay });
    expect(body.escalations.map((e) => [e.id, e.severity, e.overdue])).toEqual([
      [urgent, 'urgent', true],
      [concern, 'concern', false],
    ]);
    expect(body.transitions).toEqual([expect.objectContaining({ id: transition, personLabel: 'Odile Marchetti', overdue: true, itemsDone: 1, itemsTotal: 2 })]);
    expect(body.noContact).toEqual([expect.objectContaining({ personId: quiet.personId, daysWithoutContact: 12, maxDays: 7 })]);
    expect(body.reviewFlags).toEqual([expect.objectContaining({ id: flag, reason: 'sustained_excess' })]);
    expect(body.offersPending).toBeNull();
    expect(JSON.stringify(body)).not.toContain('Arnaud');
    const auditAfter = Number((await sql("SELECT count(*) AS n FROM audit_event WHERE action = 'home.read'")).rows[0].n);
    expect(auditAfter - auditBefore).toBe(2);

    // The coordinator triages: they see offers awaiting an answer (none here), as an empty list rather than nothing.
    const coordinatorHome = await s.coordinator.client.get<Home>('/api/v1/home');
    expect(coordinatorHome.body.offersPending).toEqual([]);
  });
});
