import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import { admitPerson, createService, setUpSchedulingStructure, type SchedulingStructure, type Staff } from '../../test/scheduling-fixtures.js';
import { runAsActor } from '../../server/context.js';
import { climbOverdueEscalations, nextInChain } from './climb-overdue-escalations.js';
import { listOpenEscalationsFor } from './read-escalations.js';

let database: TestDatabase;
let app: RelaisApp;
let s: SchedulingStructure;
let referent: Staff; // clinical referent, not on the care team
let supervisor: Staff; // receives escalations, first in the chain
let physician: Staff; // clinical referent, second in the chain
let leaver: Staff; // in the chain, then deactivated
let personId: string;
let episodeId: string;

type View = {
  id: string;
  severity: string;
  status: string;
  contentVisible: boolean;
  request: string | null;
  entry: { text: string } | null;
  personLabel: string;
  assignee: { id: string };
  addressee: { id: string };
  raisedAt: string;
  acknowledgeBy: string;
  overdue: boolean;
  chainLevel: number;
  canAcknowledge: boolean;
  canClose: boolean;
  emergency?: { numbers: { number: string }[]; safetyProcedure: string | null } | null;
  events?: { kind: string; note: string | null; assignee: { id: string } | null }[];
};
type Problem = { code: string; errors?: { field: string; message: string }[] };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  s = await setUpSchedulingStructure(app, database);
  [referent, supervisor, physician, leaver] = await Promise.all([
    addStaffMember(app, s.org, { roles: ['clinical_referent'], firstName: 'Hélène', lastName: 'Dufour' }),
    addStaffMember(app, s.org, { roles: ['supervisor'], firstName: 'Bernard', lastName: 'Giraud' }),
    addStaffMember(app, s.org, { roles: ['clinical_referent'], firstName: 'Antoine', lastName: 'Lefèvre' }),
    addStaffMember(app, s.org, { roles: ['clinical_referent'], firstName: 'Paul', lastName: 'Départ' }),
  ]);
  const service = await createService(s.coordinator.client);
  ({ personId, episodeId } = await admitPerson(s, service, { members: [s.psychologist.id], firstName: 'Éloïse', lastName: 'Lefèvre' }));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A journal entry written behind the app (the journal's own API is tested in its module). */
async function entry(author: Staff, confidentiality: 'care_team' | 'restricted' | 'author_only', text: string, forPerson = { personId, episodeId }): Promise<string> {
  const id = crypto.randomUUID();
  await database.admin.query(
    `INSERT INTO journal_entry (organization_id, id, episode_id, person_id, kind, text, occurred_at, author_id, confidentiality, search_text)
     VALUES ($1, $2, $3, $4, 'emerging_need', $5, now(), $6, $7, $5)`,
    [s.org.organizationId, id, forPerson.episodeId, forPerson.personId, text, author.id, confidentiality],
  );
  return id;
}
const count = async (table: string) => (await database.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const audits = async (action: string, targetId?: string) =>
  (await database.admin.query<{ person_id: string; details: Record<string, unknown>; outcome: string }>('SELECT person_id, details, outcome FROM audit_event WHERE action = $1 AND ($2::text IS NULL OR target_id = $2) ORDER BY id', [action, targetId ?? null])).rows;
const raise = (client: TestClient, body: Record<string, unknown>) => client.post<View & Problem>('/api/v1/escalations', body);
const minutes = (a: string, b: string) => (new Date(b).getTime() - new Date(a).getTime()) / 60_000;

describe('escalation settings', () => {
  const valid = { acknowledgementMinutes: { information: 2880, concern: 720, urgent: 60, emergency: 10 }, chain: [] as string[], safetyProcedure: 'Appeler le 15, prévenir le cadre de garde.' };

  it('refuses an anonymous caller', async () => {
    expect((await new TestClient(app).get('/api/v1/escalations/settings')).status).toBe(401);
    expect((await new TestClient(app).put('/api/v1/escalations/settings', valid)).status).toBe(401);
    expect(await count('escalation_settings')).toBe(0);
  });

  it('refuses a staff member without the configuration permission, and changes nothing', async () => {
    const refused = await s.peerWorker.client.put<Problem>('/api/v1/escalations/settings', valid);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect(await count('escalation_settings')).toBe(0);
  });

  it('starts from the default delays, readable by every staff member', async () => {
    const read = await s.peerWorker.client.get('/api/v1/escalations/settings');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ acknowledgementMinutes: { information: 4320, concern: 1440, urgent: 120, emergency: 15 }, chain: [], safetyProcedure: null, updatedAt: null });
  });

  it('says field by field what is wrong, and changes nothing', async () => {
    const bad = await s.coordinator.client.put<Problem>('/api/v1/escalations/settings', {
      acknowledgementMinutes: { information: 0, concern: 1.5, urgent: 60, emergency: 50_000, grave: 3 },
      chain: [supervisor.id, supervisor.id],
      safetyProcedure: 'x'.repeat(10_001),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual([
      'body.acknowledgementMinutes.concern',
      'body.acknowledgementMinutes.emergency',
      'body.acknowledgementMinutes.grave',
      'body.acknowledgementMinutes.information',
      'body.chain',
      'body.safetyProcedure',
    ]);
    const unknown = await s.coordinator.client.put<Problem>('/api/v1/escalations/settings', { ...valid, chain: [supervisor.id, '00000000-0000-4000-8000-000000000000', s.org.adminId] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors!.map((e) => e.field)).toEqual(['body.chain.1']);
    expect(unknown.body.errors![0]!.message).toMatch(/inconnu ou désactivé/);
    expect(await count('escalation_settings')).toBe(0);
  });

  it('keeps the delays, the chain in its order and the safety procedure, audited', async () => {
    const saved = await s.coordinator.client.put<{ chain: { staffMemberId: string; name: string }[] }>('/api/v1/escalations/settings', { ...valid, chain: [physician.id, supervisor.id] });
    expect(saved.status).toBe(200);
    expect(saved.body.chain.map((c) => c.name)).toEqual(['Antoine Lefèvre', 'Bernard Giraud']);
    const read = await s.nurse.client.get<typeof valid>('/api/v1/escalations/settings');
    expect(read.body).toMatchObject({ acknowledgementMinutes: valid.acknowledgementMinutes, safetyProcedure: valid.safetyProcedure });
    expect(await audits('escalation_settings.updated')).toHaveLength(1);
    // Back to the defaults for the rest of the file.
    await s.coordinator.client.put('/api/v1/escalations/settings', { acknowledgementMinutes: { information: 4320, concern: 1440, urgent: 120, emergency: 15 }, chain: [], safetyProcedure: valid.safetyProcedure });
  });
});

describe('raising an escalation from a journal entry', () => {
  let careTeamEntry: string;
  beforeAll(async () => {
    careTeamEntry = await entry(s.peerWorker, 'care_team', 'Dit ne plus dormir depuis une semaine, idées noires évoquées.');
  });

  it('refuses an anonymous caller', async () => {
    const refused = await raise(new TestClient(app), { entryId: careTeamEntry, severity: 'concern', addresseeId: referent.id, request: 'Avis ?' });
    expect(refused.status).toBe(401);
    expect(await count('escalation')).toBe(0);
  });

  it('refuses a staff member outside the care team, records nothing, and audits the refusal', async () => {
    const refused = await raise(s.outsider.client, { entryId: careTeamEntry, severity: 'concern', addresseeId: referent.id, request: 'Avis ?' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('not_care_team');
    expect(await count('escalation')).toBe(0);
    expect(await count('escalation_event')).toBe(0);
    expect((await audits('escalation.raise')).map((a) => [a.outcome, a.person_id])).toEqual([['denied', personId]]);
  });

  it('refuses bad input field by field, and an entry the raiser may not read as unknown', async () => {
    const bad = await raise(s.peerWorker.client, { entryId: 'pas-un-id', severity: 'grave', addresseeId: referent.id, request: '   ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['body.entryId', 'body.request', 'body.severity']);
    const notReceiving = await raise(s.peerWorker.client, { entryId: careTeamEntry, severity: 'concern', addresseeId: s.nurse.id, request: 'Avis ?' });
    expect(notReceiving.status).toBe(400);
    expect(notReceiving.body.errors!.map((e) => e.field)).toEqual(['body.addresseeId']);
    expect(notReceiving.body.errors![0]!.message).toMatch(/ne reçoit pas de signalements/);
    const someoneElsesPrivateNote = await entry(s.psychologist, 'author_only', 'Note personnelle de la psychologue.');
    expect((await raise(s.peerWorker.client, { entryId: someoneElsesPrivateNote, severity: 'concern', addresseeId: referent.id, request: 'Avis ?' })).status).toBe(404);
    expect((await raise(s.peerWorker.client, { entryId: crypto.randomUUID(), severity: 'concern', addresseeId: referent.id, request: 'Avis ?' })).status).toBe(404);
    expect(await count('escalation')).toBe(0);
  });

  it('is due within the severity’s delay, tells the addressee without naming the person, and is audited', async () => {
    const raised = await raise(s.peerWorker.client, { entryId: careTeamEntry, severity: 'concern', addresseeId: referent.id, request: 'Pouvez-vous la voir cette semaine ?' });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ severity: 'concern', status: 'open', chainLevel: 0, overdue: false, emergency: null, contentVisible: true, request: 'Pouvez-vous la voir cette semaine ?' });
    expect(raised.body.assignee.id).toBe(referent.id);
    expect(minutes(raised.body.raisedAt, raised.body.acknowledgeBy)).toBe(1440);
    const events = await database.admin.query('SELECT kind, actor_id, assignee_id FROM escalation_event WHERE escalation_id = $1', [raised.body.id]);
    expect(events.rows).toEqual([{ kind: 'raised', actor_id: s.peerWorker.id, assignee_id: referent.id }]);
    const notes = await database.admin.query('SELECT recipient_id, kind, payload::text AS payload FROM notification WHERE kind = $1', ['escalation_raised']);
    expect(notes.rows.map((n) => n.recipient_id)).toEqual([referent.id]);
    expect(notes.rows[0].payload).not.toMatch(/Éloïse|Lefèvre|dormir/);
    expect((await audits('escalation.raised', raised.body.id)).map((a) => a.person_id)).toEqual([personId]);
  });

  it('shows the emergency numbers and the structure’s safety procedure with an emergency', async () => {
    const raised = await raise(s.peerWorker.client, { entryId: careTeamEntry, severity: 'emergency', addresseeId: referent.id, request: 'Risque suicidaire : appel immédiat.' });
    expect(raised.status).toBe(201);
    expect(raised.body.emergency!.numbers.map((n) => n.number)).toEqual(['15', '112', '3114']);
    expect(raised.body.emergency!.safetyProcedure).toBe('Appeler le 15, prévenir le cadre de garde.');
    expect(minutes(raised.body.raisedAt, raised.body.acknowledgeBy)).toBe(15);
    const read = await referent.client.get<View>(`/api/v1/escalations/${raised.body.id}`);
    expect(read.body.emergency!.numbers.map((n) => n.number)).toEqual(['15', '112', '3114']);
  });
});

describe('who reads an escalation, and what of it', () => {
  let careTeamOne: View;
  let restrictedOne: View;
  beforeAll(async () => {
    const restricted = await entry(s.peerWorker, 'restricted', 'Révélation de violences subies, à ne pas diffuser.');
    careTeamOne = (await raise(s.peerWorker.client, { entryId: await entry(s.peerWorker, 'care_team', 'Absente deux fois.'), severity: 'information', addresseeId: referent.id, request: 'Pour information.' })).body;
    restrictedOne = (await raise(s.peerWorker.client, { entryId: restricted, severity: 'urgent', addresseeId: referent.id, request: 'Conduite à tenir ?' })).body;
  });

  it('refuses an anonymous caller and a staff member outside the care team', async () => {
    expect((await new TestClient(app).get(`/api/v1/escalations/${careTeamOne.id}`)).status).toBe(401);
    const refused = await s.outsider.client.get<Problem>(`/api/v1/escalations/${careTeamOne.id}`);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toMatch(/Absente|information/);
    expect((await s.outsider.client.get(`/api/v1/people/${personId}/escalations`)).status).toBe(403);
    expect((await audits('escalation.read')).filter((a) => a.outcome === 'denied').length).toBeGreaterThanOrEqual(2);
  });

  it('lets the addressee, off the care team, read the escalation and its entry, not the rest of the record, audited', async () => {
    const read = await referent.client.get<View>(`/api/v1/escalations/${restrictedOne.id}`);
    expect(read.status).toBe(200);
    expect(read.body.entry!.text).toBe('Révélation de violences subies, à ne pas diffuser.');
    expect(read.body.canAcknowledge).toBe(true);
    expect((await referent.client.get(`/api/v1/people/${personId}`)).status).toBe(403);
    expect((await referent.client.get(`/api/v1/people/${personId}/escalations`)).status).toBe(403);
    const audit = await audits('escalation.read', restrictedOne.id);
    expect(audit.at(-1)).toMatchObject({ person_id: personId, details: { entryShown: true, through: 'escalation' } });
  });

  it('shows a care-team member who is not involved the content only when the journal lets them read the entry', async () => {
    const list = await s.psychologist.client.get<View[]>(`/api/v1/people/${personId}/escalations`);
    expect(list.status).toBe(200);
    const restricted = list.body.find((e) => e.id === restrictedOne.id)!;
    expect(restricted).toMatchObject({ contentVisible: false, request: null, entry: null, severity: 'urgent', canAcknowledge: false });
    const open = list.body.find((e) => e.id === careTeamOne.id)!;
    expect(open).toMatchObject({ contentVisible: true, request: 'Pour information.' });
    expect(open.entry!.text).toBe('Absente deux fois.');
    const one = await s.psychologist.client.get<View>(`/api/v1/escalations/${restrictedOne.id}`);
    expect(JSON.stringify(one.body)).not.toMatch(/violences|Conduite/);
    // Emergencies first, then by age.
    expect(list.body.map((e) => e.severity)).toEqual([...list.body.map((e) => e.severity)].sort((a, b) => rank(b) - rank(a)));
    expect((await audits('escalation.listed')).filter((a) => a.person_id === personId).length).toBeGreaterThanOrEqual(list.body.length);
  });

  it('lists mine by severity then age, with a discreet person by alias', async () => {
    await s.coordinator.client.patch(`/api/v1/people/${personId}`, { discreet: true, alias: 'Colibri' });
    const mine = await referent.client.get<{ toHandle: View[]; raised: View[] }>('/api/v1/escalations/mine');
    expect(mine.status).toBe(200);
    const severities = mine.body.toHandle.map((e) => e.severity);
    expect(severities).toEqual([...severities].sort((a, b) => rank(b) - rank(a)));
    expect(severities[0]).toBe('emergency');
    expect(new Set(mine.body.toHandle.map((e) => e.personLabel))).toEqual(new Set(['Colibri']));
    expect(JSON.stringify(mine.body)).not.toMatch(/Éloïse/);
    const raisedByMe = await s.peerWorker.client.get<{ toHandle: View[]; raised: View[] }>('/api/v1/escalations/mine');
    expect(raisedByMe.body.toHandle).toEqual([]);
    expect(raisedByMe.body.raised.length).toBe(mine.body.toHandle.length);
    await s.coordinator.client.patch(`/api/v1/people/${personId}`, { discreet: false, alias: null });
  });

  it('answers 404 for an unknown escalation and 400 for a malformed id', async () => {
    expect((await referent.client.get('/api/v1/escalations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await referent.client.get('/api/v1/escalations/nope')).status).toBe(400);
  });
});

const rank = (severity: string) => ['information', 'concern', 'urgent', 'emergency'].indexOf(severity);

describe('acknowledging, following up and closing', () => {
  let escalation: View;
  beforeAll(async () => {
    escalation = (await raise(s.peerWorker.client, { entryId: await entry(s.peerWorker, 'care_team', 'Conflit avec la famille.'), severity: 'urgent', addresseeId: referent.id, request: 'Un entretien familial ?' })).body;
  });
  const state = async () => (await database.admin.query('SELECT status, acknowledged_by, follow_up, closed_at FROM escalation WHERE id = $1', [escalation.id])).rows[0];

  it('refuses an anonymous caller, a staff member outside the care team, and a colleague who is not the addressee', async () => {
    const before = await state();
    expect((await new TestClient(app).post(`/api/v1/escalations/${escalation.id}/acknowledgement`, {})).status).toBe(401);
    expect((await s.outsider.client.post<Problem>(`/api/v1/escalations/${escalation.id}/acknowledgement`, {})).body.code).toBe('escalation_not_assigned');
    const colleague = await s.psychologist.client.post<Problem>(`/api/v1/escalations/${escalation.id}/acknowledgement`, {});
    expect(colleague.status).toBe(403);
    expect(colleague.body.code).toBe('escalation_not_assigned');
    expect((await s.outsider.client.post(`/api/v1/escalations/${escalation.id}/follow-ups`, { note: 'Vu.' })).status).toBe(403);
    expect((await s.peerWorker.client.post(`/api/v1/escalations/${escalation.id}/closure`, { followUp: 'Clos par moi.' })).status).toBe(403);
    expect(await state()).toEqual(before);
    expect((await audits('escalation.acknowledge')).map((a) => a.outcome)).toEqual(['denied', 'denied']);
  });

  it('records who acknowledged and when, tells the raiser, and refuses a second acknowledgement', async () => {
    const done = await referent.client.post(`/api/v1/escalations/${escalation.id}/acknowledgement`, { note: 'Je la rappelle demain.' });
    expect(done.status).toBe(204);
    expect(await state()).toMatchObject({ status: 'acknowledged', acknowledged_by: referent.id });
    expect((await referent.client.post<Problem>(`/api/v1/escalations/${escalation.id}/acknowledgement`, {})).body.code).toBe('escalation_already_acknowledged');
    const told = await database.admin.query("SELECT recipient_id FROM notification WHERE kind = 'escalation_acknowledged'");
    expect(told.rows.map((r) => r.recipient_id)).toEqual([s.peerWorker.id]);
    expect(await audits('escalation.acknowledged', escalation.id)).toHaveLength(1);
  });

  it('takes follow-up notes from those involved, refuses blank ones', async () => {
    expect((await referent.client.post<Problem>(`/api/v1/escalations/${escalation.id}/follow-ups`, { note: '  ' })).status).toBe(400);
    expect((await referent.client.post(`/api/v1/escalations/${escalation.id}/follow-ups`, { note: 'Appel passé, rendez-vous jeudi.' })).status).toBe(204);
    expect((await s.peerWorker.client.post(`/api/v1/escalations/${escalation.id}/follow-ups`, { note: 'La famille est prévenue.' })).status).toBe(204);
    expect((await s.nurse.client.post<Problem>(`/api/v1/escalations/${escalation.id}/follow-ups`, { note: 'Moi aussi.' })).body.code).toBe('escalation_not_participant');
  });

  it('closes only with the follow-up written, then nothing changes it', async () => {
    const noText = await referent.client.post<Problem>(`/api/v1/escalations/${escalation.id}/closure`, {});
    expect(noText.status).toBe(400);
    expect(noText.body.errors!.map((e) => e.field)).toEqual(['body.followUp']);
    expect((await referent.client.post(`/api/v1/escalations/${escalation.id}/closure`, { followUp: 'Entretien familial fait, apaisement.' })).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'closed', follow_up: 'Entretien familial fait, apaisement.' });
    expect((await referent.client.post<Problem>(`/api/v1/escalations/${escalation.id}/follow-ups`, { note: 'Encore.' })).body.code).toBe('escalation_closed');
    const read = await referent.client.get<View>(`/api/v1/escalations/${escalation.id}`);
    expect(read.body.events!.map((e) => e.kind)).toEqual(['raised', 'acknowledged', 'follow_up', 'follow_up', 'closed']);
    expect(read.body.events!.at(-1)!.note).toBe('Entretien familial fait, apaisement.');
    const mine = await referent.client.get<{ toHandle: View[] }>('/api/v1/escalations/mine');
    expect(mine.body.toHandle.map((e) => e.id)).not.toContain(escalation.id);
    // The events are the history: the database refuses to change them.
    await expect(database.admin.query("UPDATE escalation_event SET note = 'réécrit' WHERE escalation_id = $1", [escalation.id])).rejects.toThrow();
  });
});

describe('the chain: an unacknowledged escalation climbs', () => {
  let escalationId: string;
  let ackBy: Date;
  const row = async () =>
    (await database.admin.query<{ assignee_id: string; chain_level: number; acknowledge_by: Date; status: string }>('SELECT assignee_id, chain_level, acknowledge_by, status FROM escalation WHERE id = $1', [escalationId])).rows[0]!;
  const at = (d: Date, deltaMs: number) => new Date(d.getTime() + deltaMs);
  const climbEvents = async () => (await database.admin.query("SELECT assignee_id, at FROM escalation_event WHERE kind = 'climbed' AND escalation_id = $1 ORDER BY at", [escalationId])).rows;
  /** The list the coordinator's home shows, read through the exported use case with the clock set. */
  const openFor = (staff: Staff, now: Date) =>
    runAsActor(
      database.db,
      { staffMemberId: staff.id, organizationId: s.org.organizationId, sessionId: crypto.randomUUID(), permissions: ['person:read'], roleCodes: [], locale: 'fr', timeZone: 'Europe/Paris' },
      { ip: null, requestId: null, userAgent: null },
      (ctx) => listOpenEscalationsFor(ctx, staff.id, { now }),
    );

  beforeAll(async () => {
    // The raiser and a deactivated colleague are in the chain: both are skipped.
    const chain = [s.peerWorker.id, leaver.id, supervisor.id, physician.id];
    const saved = await s.coordinator.client.put('/api/v1/escalations/settings', { acknowledgementMinutes: { information: 4320, concern: 1440, urgent: 120, emergency: 15 }, chain, safetyProcedure: null });
    expect(saved.status).toBe(200);
    expect((await s.org.admin.post(`/api/v1/staff/${leaver.id}/deactivation`, {})).status).toBeLessThan(300);
    const raised = await raise(s.peerWorker.client, { entryId: await entry(s.peerWorker, 'restricted', 'Refuse de s’alimenter.'), severity: 'urgent', addresseeId: referent.id, request: 'Avis médical rapide.' });
    escalationId = raised.body.id;
    ackBy = (await row()).acknowledge_by;
  });

  it('chooses the next person after the current one, skipping the raiser, those who had it and inactive accounts', () => {
    const active = new Set(['a', 'b', 'c', 'd']);
    expect(nextInChain(['a', 'b', 'c'], 'x', new Set(), active)).toBe('a');
    expect(nextInChain(['a', 'b', 'c'], 'a', new Set(), active)).toBe('b');
    expect(nextInChain(['a', 'b', 'c'], 'x', new Set(['a']), active)).toBe('b');
    expect(nextInChain(['a', 'e', 'c'], 'a', new Set(), active)).toBe('c');
    expect(nextInChain(['a', 'b', 'c'], 'c', new Set(), active)).toBeNull();
    expect(nextInChain([], 'x', new Set(), active)).toBeNull();
  });

  it('does not climb one minute before the delay', async () => {
    await climbOverdueEscalations(database.db, { now: at(ackBy, -60_000) });
    expect(await row()).toMatchObject({ assignee_id: referent.id, chain_level: 0 });
    expect(await climbEvents()).toEqual([]);
    expect((await openFor(referent, at(ackBy, -60_000))).find((e) => e.id === escalationId)).toMatchObject({ overdue: false });
  });

  it('climbs once the delay has passed, to the first eligible person, with a fresh delay, told and audited', async () => {
    const t1 = at(ackBy, 1000);
    expect((await openFor(referent, t1)).find((e) => e.id === escalationId)).toMatchObject({ overdue: true });
    expect((await climbOverdueEscalations(database.db, { now: t1 })).climbed).toBeGreaterThanOrEqual(1);
    const after = await row();
    expect(after).toMatchObject({ assignee_id: supervisor.id, chain_level: 1, status: 'open' });
    expect(after.acknowledge_by.getTime()).toBe(t1.getTime() + 120 * 60_000);
    expect((await climbEvents()).map((e) => [e.assignee_id, e.at.getTime()])).toEqual([[supervisor.id, t1.getTime()]]);
    const told = await database.admin.query("SELECT recipient_id, payload::text AS payload FROM notification WHERE kind = 'escalation_climbed' AND payload->>'escalationId' = $1", [escalationId]);
    expect(told.rows.map((r) => r.recipient_id)).toEqual([supervisor.id]);
    expect(told.rows[0].payload).not.toMatch(/Éloïse|Lefèvre|alimenter/);
    expect((await audits('escalation.climbed', escalationId)).map((a) => a.person_id)).toEqual([personId]);
    // The new assignee reads it (and its entry) and finds it on their list; running again at the same instant changes nothing.
    const read = await supervisor.client.get<View>(`/api/v1/escalations/${escalationId}`);
    expect(read.body.entry!.text).toBe('Refuse de s’alimenter.');
    expect(read.body.events!.map((e) => [e.kind, e.assignee?.id])).toEqual([['raised', referent.id], ['climbed', supervisor.id]]);
    expect((await supervisor.client.get<{ toHandle: View[] }>('/api/v1/escalations/mine')).body.toHandle.map((e) => e.id)).toContain(escalationId);
    await climbOverdueEscalations(database.db, { now: t1 });
    expect(await climbEvents()).toHaveLength(1);
  });

  it('climbs again after another delay, not before', async () => {
    const due = (await row()).acknowledge_by;
    await climbOverdueEscalations(database.db, { now: at(due, -60_000) });
    expect(await row()).toMatchObject({ assignee_id: supervisor.id, chain_level: 1 });
    await climbOverdueEscalations(database.db, { now: at(due, 1000) });
    expect(await row()).toMatchObject({ assignee_id: physician.id, chain_level: 2 });
    // Off the supervisor's list now, though they keep reading what they were sent.
    expect((await openFor(supervisor, at(due, 1000))).map((e) => e.id)).not.toContain(escalationId);
    expect((await supervisor.client.get(`/api/v1/escalations/${escalationId}`)).status).toBe(200);
  });

  it('stops at the end of the chain and stays on the last assignee’s list as overdue', async () => {
    const due = (await row()).acknowledge_by;
    const later = at(due, 3_600_000);
    const run = await climbOverdueEscalations(database.db, { now: later });
    expect(run.atEndOfChain).toBeGreaterThanOrEqual(1);
    expect(await row()).toMatchObject({ assignee_id: physician.id, chain_level: 2, status: 'open' });
    expect(await climbEvents()).toHaveLength(2);
    expect((await openFor(physician, later)).find((e) => e.id === escalationId)).toMatchObject({ overdue: true, canAcknowledge: true });
    // The addressee still has it too, and may still acknowledge it.
    expect((await openFor(referent, later)).find((e) => e.id === escalationId)).toMatchObject({ overdue: true, canAcknowledge: true });
  });

  it('never climbs an acknowledged escalation', async () => {
    expect((await physician.client.post(`/api/v1/escalations/${escalationId}/acknowledgement`, {})).status).toBe(204);
    const other = await raise(s.peerWorker.client, { entryId: await entry(s.peerWorker, 'care_team', 'Chute dans l’escalier.'), severity: 'emergency', addresseeId: referent.id, request: 'Vu ?' });
    expect((await referent.client.post(`/api/v1/escalations/${other.body.id}/acknowledgement`, {})).status).toBe(204);
    const farFuture = new Date(Date.now() + 365 * 24 * 3_600_000);
    await climbOverdueEscalations(database.db, { now: farFuture });
    const rows = await database.admin.query('SELECT assignee_id, chain_level FROM escalation WHERE id = ANY($1)', [[escalationId, other.body.id]]);
    expect(rows.rows).toEqual(expect.arrayContaining([{ assignee_id: physician.id, chain_level: 2 }, { assignee_id: referent.id, chain_level: 0 }]));
    expect((await database.admin.query("SELECT 1 FROM escalation_event WHERE kind = 'climbed' AND escalation_id = $1", [other.body.id])).rowCount).toBe(0);
    expect(await climbEvents()).toHaveLength(2);
  });
});
