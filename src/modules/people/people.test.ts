import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildPerson, buildTestApp, setUpOrganization, type TestOrganization } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import type { RelaisApp } from '../../server/types.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
let coordinator: Awaited<ReturnType<typeof addStaffMember>>;
let outsider: Awaited<ReturnType<typeof addStaffMember>>;
let personId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  coordinator = await addStaffMember(app, org, { roles: ['coordinator'], disciplines: ['personal_support_manager'], firstName: 'Claire', lastName: 'Fontaine' });
  outsider = await addStaffMember(app, org, { roles: ['practitioner'], firstName: 'Hugo', lastName: 'Lambert' });
  personId = await buildPerson(coordinator.client);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const events = async (personId: string, action: string) =>
  (await database.admin.query<{ actor_id: string; outcome: string; ip: string | null; request_id: string | null }>('SELECT actor_id, outcome, host(ip) AS ip, request_id FROM audit_event WHERE person_id = $1 AND action = $2 ORDER BY id', [personId, action])).rows;

describe("a person's record", () => {
  it('refuses an anonymous caller', async () => {
    const reply = await new TestClient(app).get<{ code: string }>(`/api/v1/people/${personId}`);
    expect(reply.status).toBe(401);
  });

  it('refuses a staff member outside the care team, changes nothing, and audits the refusal', async () => {
    const before = await database.admin.query('SELECT count(*)::int AS n FROM care_team_member');
    const reply = await outsider.client.get<{ code: string; title: string }>(`/api/v1/people/${personId}`);
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('not_care_team');
    expect(reply.body.title).toBe('Seule l’équipe qui accompagne cette personne peut consulter son dossier.');
    const denied = await events(personId, 'person.read');
    expect(denied).toContainEqual(expect.objectContaining({ actor_id: outsider.id, outcome: 'denied' }));
    expect((await outsider.client.post(`/api/v1/people/${personId}/care-team`, { staffMemberId: outsider.id })).status).toBe(403);
    expect((await database.admin.query('SELECT count(*)::int AS n FROM care_team_member')).rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses the administrator, who manages accounts and not clinical content', async () => {
    expect((await org.admin.get(`/api/v1/people/${personId}`)).status).toBe(403);
    expect((await org.admin.get('/api/v1/people')).status).toBe(403);
    expect((await org.admin.post('/api/v1/people', { firstName: 'A', lastName: 'B' })).status).toBe(403);
  });

  it('lets the care team read it, and audits each read with who, when, from where and the request', async () => {
    const reply = await coordinator.client.get<{ firstName: string; lastName: string; birthDate: string }>(`/api/v1/people/${personId}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ firstName: 'Éloïse', lastName: 'Lefèvre', birthDate: '1987-03-14' });
    const reads = await events(personId, 'person.read');
    const last = reads[reads.length - 1]!;
    expect(last).toMatchObject({ actor_id: coordinator.id, outcome: 'success', ip: '127.0.0.1' });
    expect(last.request_id).toBe(reply.headers['x-request-id']);
  });

  it('answers 404 for an unknown person and 400 for a malformed id', async () => {
    expect((await coordinator.client.get('/api/v1/people/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const malformed = await coordinator.client.get<{ errors: { field: string }[] }>('/api/v1/people/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]!.field).toBe('params.personId');
  });

  it('opens the record to a colleague added to the care team, and closes it when they are removed', async () => {
    const colleague = await addStaffMember(app, org, { roles: ['clinical_referent'], disciplines: ['psychiatrist'] });
    expect((await colleague.client.get(`/api/v1/people/${personId}`)).status).toBe(403);
    const add = await coordinator.client.post(`/api/v1/people/${personId}/care-team`, { staffMemberId: colleague.id, disciplineId: org.disciplineId('psychiatrist') });
    expect(add.status).toBe(204);
    expect((await colleague.client.get(`/api/v1/people/${personId}`)).status).toBe(200);
    const team = await coordinator.client.get<{ staffMemberId: string; disciplineNameFr: string | null }[]>(`/api/v1/people/${personId}/care-team`);
    expect(team.body).toContainEqual(expect.objectContaining({ staffMemberId: colleague.id, disciplineNameFr: 'Psychiatre' }));
    const twice = await coordinator.client.post<{ code: string }>(`/api/v1/people/${personId}/care-team`, { staffMemberId: colleague.id });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_on_care_team');
    expect((await coordinator.client.delete(`/api/v1/people/${personId}/care-team/${colleague.id}`)).status).toBe(204);
    expect((await colleague.client.get(`/api/v1/people/${personId}`)).status).toBe(403);
  });

  it('lists only the people whose care team I am on, page by page, and audits each person listed', async () => {
    const mine = [];
    for (const lastName of ['Bernard', 'Dubois', 'Girard', 'Petit', 'Roux']) mine.push(await buildPerson(coordinator.client, { lastName, firstName: 'Test' }));
    await buildPerson(outsider.client, { lastName: 'Zola', firstName: 'Hors-équipe' });
    const first = await coordinator.client.get<{ items: { id: string; lastName: string }[]; nextCursor: string | null }>('/api/v1/people?limit=4');
    expect(first.body.items.map((p) => p.lastName)).toEqual(['Bernard', 'Dubois', 'Girard', 'Lefèvre']);
    const second = await coordinator.client.get<{ items: { lastName: string }[]; nextCursor: string | null }>(`/api/v1/people?limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((p) => p.lastName)).toEqual(['Petit', 'Roux']);
    expect(second.body.nextCursor).toBeNull();
    expect(await events(mine[0]!, 'person.listed')).toHaveLength(1);
  });

  it('shows who accessed the file, to its care team', async () => {
    const log = await coordinator.client.get<{ action: string; actorName: string | null; outcome: string }[]>(`/api/v1/people/${personId}/access-log`);
    expect(log.status).toBe(200);
    expect(log.body).toContainEqual(expect.objectContaining({ action: 'person.read', actorName: 'Hugo Lambert', outcome: 'denied' }));
    expect(log.body).toContainEqual(expect.objectContaining({ action: 'person.read', actorName: 'Claire Fontaine', outcome: 'success' }));
    expect((await outsider.client.get(`/api/v1/people/${personId}/access-log`)).status).toBe(403);
  });

  it('refuses bad input field by field and creates nothing', async () => {
    const before = (await database.admin.query('SELECT count(*)::int AS n FROM person')).rows[0].n;
    const reply = await coordinator.client.post<{ errors: { field: string }[] }>('/api/v1/people', { firstName: '', lastName: 42, birthDate: '2999-01-01', extra: true });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e) => e.field).sort()).toEqual(['body.birthDate', 'body.extra', 'body.firstName', 'body.lastName']);
    expect((await database.admin.query('SELECT count(*)::int AS n FROM person')).rows[0].n).toBe(before);
  });

  it('creates one person for a request retried with the same Idempotency-Key, even when the retries race', async () => {
    const count = async () => (await database.admin.query("SELECT count(*)::int AS n FROM person WHERE last_name = 'Idempotente'")).rows[0].n as number;
    const key = { 'idempotency-key': 'retry-8c1f2b9e-4d' };
    const body = { firstName: 'Rose', lastName: 'Idempotente' };
    const replies = await Promise.all(Array.from({ length: 8 }, () => coordinator.client.post<{ id: string }>('/api/v1/people', body, key)));
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    const later = await coordinator.client.post<{ id: string }>('/api/v1/people', body, key);
    expect(later.body.id).toBe(replies[0]!.body.id);
    expect(await count()).toBe(1);
    const created = await database.admin.query("SELECT count(*)::int AS n FROM audit_event WHERE action = 'person.created' AND person_id = $1", [later.body.id]);
    expect(created.rows[0].n).toBe(1);
  });

  it('refuses the same Idempotency-Key for a different request, and creates nothing', async () => {
    const key = { 'idempotency-key': 'reused-key-00000001' };
    expect((await coordinator.client.post('/api/v1/people', { firstName: 'A', lastName: 'Premier' }, key)).status).toBe(201);
    const reused = await coordinator.client.post<{ code: string }>('/api/v1/people', { firstName: 'B', lastName: 'Second' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect((await database.admin.query("SELECT count(*)::int AS n FROM person WHERE last_name = 'Second'")).rows[0].n).toBe(0);
  });
});
