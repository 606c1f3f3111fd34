import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import { admitPerson, createService, setUpSchedulingStructure, type SchedulingStructure, type Staff } from '../../test/scheduling-fixtures.js';

let database: TestDatabase;
let app: RelaisApp;
let s: SchedulingStructure;
let referent: Staff;
let personId: string;

type Problem = { code: string; errors?: { field: string }[] };
type Summary = { id: string; subject: string; messageCount: number; unreadCount: number; createdBy: { name: string } };
type Thread = { subject: string; personId: string; messages: { id: string; body: string; author: { id: string }; readBy: { staffMemberId: string; name: string; readAt: string }[] }[] };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  s = await setUpSchedulingStructure(app, database);
  referent = await addStaffMember(app, s.org, { roles: ['clinical_referent'], firstName: 'Hélène', lastName: 'Dufour' });
  const service = await createService(s.coordinator.client);
  ({ personId } = await admitPerson(s, service, { members: [s.psychologist.id, referent.id] }));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const count = async (table: string) => (await database.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const audits = async (action: string) => (await database.admin.query<{ person_id: string; outcome: string; actor_id: string }>('SELECT person_id, outcome, actor_id FROM audit_event WHERE action = $1 ORDER BY id', [action])).rows;

describe('team exchanges about a person', () => {
  let threadId: string;

  it('refuses an anonymous caller', async () => {
    const anonymous = new TestClient(app);
    expect((await anonymous.get(`/api/v1/people/${personId}/threads`)).status).toBe(401);
    expect((await anonymous.post(`/api/v1/people/${personId}/threads`, { subject: 'Sortie', message: 'Bonjour' })).status).toBe(401);
    expect(await count('team_thread')).toBe(0);
  });

  it('refuses a staff member outside the care team, records nothing, and audits the refusals', async () => {
    const listed = await s.outsider.client.get<Problem>(`/api/v1/people/${personId}/threads`);
    expect(listed.status).toBe(403);
    expect(listed.body.code).toBe('not_care_team');
    expect((await s.outsider.client.post(`/api/v1/people/${personId}/threads`, { subject: 'Sortie', message: 'Bonjour' })).status).toBe(403);
    expect(await count('team_thread')).toBe(0);
    expect(await count('team_message')).toBe(0);
    expect((await audits('exchange.read')).map((a) => [a.outcome, a.person_id])).toEqual([['denied', personId]]);
    expect((await audits('exchange.write')).map((a) => [a.outcome, a.person_id])).toEqual([['denied', personId]]);
  });

  it('refuses bad input field by field, and an unknown person', async () => {
    const bad = await s.peerWorker.client.post<Problem>(`/api/v1/people/${personId}/threads`, { subject: '  ', message: 'x'.repeat(8001), extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['body.extra', 'body.message', 'body.subject']);
    expect((await s.peerWorker.client.post(`/api/v1/people/00000000-0000-4000-8000-000000000000/threads`, { subject: 'Sortie', message: 'Bonjour' })).status).toBe(404);
    expect(await count('team_thread')).toBe(0);
  });

  it('opens a thread with its first message, already read by its author, audited', async () => {
    const created = await s.peerWorker.client.post<{ id: string }>(`/api/v1/people/${personId}/threads`, { subject: 'Préparer la sortie', message: 'Qui peut l’accompagner à la CAF mardi ?' });
    expect(created.status).toBe(201);
    threadId = created.body.id;
    const mine = await s.peerWorker.client.get<Summary[]>(`/api/v1/people/${personId}/threads`);
    expect(mine.body).toMatchObject([{ id: threadId, subject: 'Préparer la sortie', messageCount: 1, unreadCount: 0, createdBy: { name: 'Maëlle Le Gall' } }]);
    const theirs = await s.psychologist.client.get<Summary[]>(`/api/v1/people/${personId}/threads`);
    expect(theirs.body[0]).toMatchObject({ messageCount: 1, unreadCount: 1 });
    expect((await audits('exchange.thread_created')).map((a) => a.person_id)).toEqual([personId]);
    expect((await audits('exchange.threads_listed')).length).toBe(2);
  });

  it('keeps read receipts: reading marks read, and each message shows who read it and when', async () => {
    const read = await s.psychologist.client.get<Thread>(`/api/v1/threads/${threadId}`);
    expect(read.status).toBe(200);
    expect(read.body.messages).toHaveLength(1);
    expect(read.body.messages[0]!.readBy.map((r) => r.name)).toEqual(['Élise Marchand']);
    expect((await s.psychologist.client.get<Summary[]>(`/api/v1/people/${personId}/threads`)).body[0]!.unreadCount).toBe(0);

    const reply = await s.psychologist.client.post<{ id: string }>(`/api/v1/threads/${threadId}/messages`, { body: 'Moi, je suis sur site mardi.' });
    expect(reply.status).toBe(201);
    expect((await s.peerWorker.client.get<Summary[]>(`/api/v1/people/${personId}/threads`)).body[0]).toMatchObject({ messageCount: 2, unreadCount: 1 });
    expect((await referent.client.get<Summary[]>(`/api/v1/people/${personId}/threads`)).body[0]).toMatchObject({ unreadCount: 2 });

    const byAuthor = await s.peerWorker.client.get<Thread>(`/api/v1/threads/${threadId}`);
    expect(byAuthor.body.messages.map((m) => m.body)).toEqual(['Qui peut l’accompagner à la CAF mardi ?', 'Moi, je suis sur site mardi.']);
    expect(byAuthor.body.messages[1]!.readBy.map((r) => r.name)).toEqual(['Maëlle Le Gall']);
    // Reading twice does not move the first receipt.
    const first = byAuthor.body.messages[1]!.readBy[0]!.readAt;
    const again = await s.peerWorker.client.get<Thread>(`/api/v1/threads/${threadId}`);
    expect(again.body.messages[1]!.readBy[0]!.readAt).toBe(first);
    expect((await audits('exchange.thread_read')).length).toBe(3);
    expect((await audits('exchange.message_posted')).map((a) => a.person_id)).toEqual([personId]);
  });

  it('keeps the thread from outsiders, reads included', async () => {
    const read = await s.outsider.client.get<Problem>(`/api/v1/threads/${threadId}`);
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).not.toMatch(/CAF/);
    expect((await s.outsider.client.post(`/api/v1/threads/${threadId}/messages`, { body: 'Intrusion' })).status).toBe(403);
    expect((await database.admin.query('SELECT 1 FROM team_message_read WHERE staff_member_id = $1', [s.outsider.id])).rowCount).toBe(0);
    expect(await count('team_message')).toBe(2);
    expect((await s.peerWorker.client.get('/api/v1/threads/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await s.peerWorker.client.post(`/api/v1/threads/${threadId}/messages`, { body: '   ' })).status).toBe(400);
  });

  it('loses access with the care team, and never lets a message be changed', async () => {
    const removed = await s.coordinator.client.delete(`/api/v1/people/${personId}/care-team/${s.psychologist.id}`);
    expect(removed.status).toBeLessThan(300);
    expect((await s.psychologist.client.get(`/api/v1/threads/${threadId}`)).status).toBe(403);
    await expect(database.admin.query("UPDATE team_message SET body = 'réécrit' WHERE thread_id = $1", [threadId])).rejects.toThrow();
    await expect(database.admin.query('DELETE FROM team_message WHERE thread_id = $1', [threadId])).rejects.toThrow();
  });
});
