import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../lib/time.js';
import { runAsActor } from '../../server/context.js';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { buildTestApp } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import { admitPerson, createService, setUpSchedulingStructure, type SchedulingStructure, type ServiceRef } from '../../test/scheduling-fixtures.js';
import { listUpcomingTransitions } from './list-upcoming-transitions.js';

let database: TestDatabase;
let app: RelaisApp;
let s: SchedulingStructure;
let service: ServiceRef;

interface Problem {
  code: string;
  title: string;
  errors?: { field: string; message: string }[];
}
interface Checklists {
  serviceId: string;
  checklists: { toPhase: string; phaseLabel: string; items: { id: string; label: string }[] }[];
}
interface TransitionList {
  currentPhase: string | null;
  transitions: { id: string; status: string; toPhase: string; toLabel: string; fromPhase: string | null; responsibleName: string; items: { itemId: string; label: string; done: boolean; doneByName: string | null; note: string | null }[] }[];
}

const phases = [
  { code: 'arrival', label: 'Accueil et orientation' },
  { code: 'treatment', label: 'Phase de soins' },
  { code: 'return_home', label: 'Préparation du retour à domicile' },
  { code: 'aftercare', label: 'Suivi après la sortie' },
];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  s = await setUpSchedulingStructure(app, database);
  service = await createService(s.coordinator.client, { phases });
  const set = await s.coordinator.client.put(`/api/v1/services/${service.id}/transition-checklists`, {
    checklists: [
      { toPhase: 'return_home', items: [{ label: 'Visite du logement avec la personne' }, { label: 'Médecin traitant informé' }, { label: 'Rendez-vous de suivi fixés' }] },
      { toPhase: 'aftercare', items: [{ label: 'Coordonnées de l’équipe remises' }] },
    ],
  });
  if (set.status !== 200) throw new Error(JSON.stringify(set.body));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const count = async (text: string, params: unknown[] = []) => (await database.admin.query(text, params)).rows[0].n as number;
const transitionsOf = (episodeId: string) => count('SELECT count(*)::int AS n FROM transition WHERE episode_id = $1', [episodeId]);

async function admitted(options: { members?: string[] } = {}) {
  const admittedPerson = await admitPerson(s, service, { referentId: s.peerWorker.id, members: options.members ?? [s.nurse.id] });
  // Admitted into the first phase (arrival), the person moves on to treatment.
  const changed = await s.coordinator.client.post(`/api/v1/episodes/${admittedPerson.episodeId}/phase`, { toPhase: 'treatment', effectiveOn: '2026-01-05' });
  if (changed.status !== 204) throw new Error(JSON.stringify(changed.body));
  return admittedPerson;
}

const plan = (client: TestClient, episodeId: string, body: Record<string, unknown> = {}) =>
  client.post<{ id: string } & Problem>(`/api/v1/episodes/${episodeId}/transitions`, { toPhase: 'return_home', plannedOn: '2027-01-15', responsibleId: s.peerWorker.id, handoffNote: 'Retour chez sa sœur, à Villeurbanne.', ...body });

describe('checklists per service and phase', () => {
  it('refuses an anonymous caller', async () => {
    expect((await new TestClient(app).get(`/api/v1/services/${service.id}/transition-checklists`)).status).toBe(401);
    expect((await new TestClient(app).put(`/api/v1/services/${service.id}/transition-checklists`, { checklists: [] })).status).toBe(401);
  });

  it('refuses a staff member who does not manage services, and changes nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM transition_checklist WHERE service_id = $1', [service.id]);
    const reply = await s.nurse.client.put<Problem>(`/api/v1/services/${service.id}/transition-checklists`, { checklists: [] });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('forbidden');
    expect(await count('SELECT count(*)::int AS n FROM transition_checklist WHERE service_id = $1', [service.id])).toBe(before);
  });

  it('lists one checklist per phase of the pathway, items with stable ids kept across edits; audited', async () => {
    const read = await s.nurse.client.get<Checklists>(`/api/v1/services/${service.id}/transition-checklists`);
    expect(read.status).toBe(200);
    expect(read.body.checklists.map((c) => [c.toPhase, c.items.length])).toEqual([
      ['arrival', 0],
      ['treatment', 0],
      ['return_home', 3],
      ['aftercare', 1],
    ]);
    const returnHome = read.body.checklists.find((c) => c.toPhase === 'return_home')!;
    const other = await createService(s.coordinator.client, { phases });
    const edited = await s.coordinator.client.put<Checklists>(`/api/v1/services/${other.id}/transition-checklists`, {
      checklists: [{ toPhase: 'return_home', items: [{ id: returnHome.items[0]!.id, label: 'Visite du logement (avec la personne)' }, { label: 'Aide-ménagère contactée' }] }],
    });
    expect(edited.status).toBe(200);
    const items = edited.body.checklists.find((c) => c.toPhase === 'return_home')!.items;
    expect(items[0]).toEqual({ id: returnHome.items[0]!.id, label: 'Visite du logement (avec la personne)' });
    expect(items[1]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'transition.checklists_set' AND target_id = $1", [other.id])).toBe(1);
  });

  it('names each wrong field: a phase outside the pathway, twice the same phase, an empty label', async () => {
    const reply = await s.coordinator.client.put<Problem>(`/api/v1/services/${service.id}/transition-checklists`, {
      checklists: [
        { toPhase: 'moon', items: [] },
        { toPhase: 'aftercare', items: [] },
        { toPhase: 'aftercare', items: [] },
      ],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors!.map((e) => e.field)).toEqual(['body.checklists.0.toPhase', 'body.checklists.2.toPhase']);
    expect(reply.body.errors![0]!.message).toContain('n’existe pas');
    const empty = await s.coordinator.client.put<Problem>(`/api/v1/services/${service.id}/transition-checklists`, { checklists: [{ toPhase: 'aftercare', items: [{ label: '  ' }] }] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors!.map((e) => e.field)).toEqual(['body.checklists.0.items.0.label']);
    const unchanged = await s.coordinator.client.get<Checklists>(`/api/v1/services/${service.id}/transition-checklists`);
    expect(unchanged.body.checklists.find((c) => c.toPhase === 'aftercare')!.items).toHaveLength(1);
  });
});

describe('planning a transition', () => {
  it('refuses an anonymous caller', async () => {
    const { episodeId } = await admitted();
    expect((await plan(new TestClient(app), episodeId)).status).toBe(401);
    expect((await new TestClient(app).get(`/api/v1/episodes/${episodeId}/transitions`)).status).toBe(401);
    expect(await transitionsOf(episodeId)).toBe(0);
  });

  it('refuses a staff member outside the care team, audits the refusal, and writes nothing', async () => {
    const { episodeId, personId } = await admitted();
    const reply = await plan(s.outsider.client, episodeId, { responsibleId: s.outsider.id });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('not_care_team');
    expect((await s.outsider.client.get<Problem>(`/api/v1/episodes/${episodeId}/transitions`)).status).toBe(403);
    expect(await transitionsOf(episodeId)).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'transition.manage' AND outcome = 'denied'", [personId])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'transition.read' AND outcome = 'denied'", [personId])).toBe(1);
  });

  it('names each wrong field and writes nothing', async () => {
    const { episodeId } = await admitted();
    const current = await plan(s.peerWorker.client, episodeId, { toPhase: 'treatment', plannedOn: '2025-12-01', responsibleId: s.outsider.id });
    expect(current.status).toBe(400);
    expect(current.body.errors!.map((e) => e.field).sort()).toEqual(['body.plannedOn', 'body.responsibleId', 'body.toPhase']);
    expect(current.body.errors!.find((e) => e.field === 'body.toPhase')!.message).toBe('La personne est déjà dans cette phase.');
    const unknown = await plan(s.peerWorker.client, episodeId, { toPhase: 'moon' });
    expect(unknown.body.errors!.map((e) => e.field)).toEqual(['body.toPhase']);
    const garbage = await plan(s.peerWorker.client, episodeId, { plannedOn: 'bientôt', responsibleId: 'moi', status: 'completed' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors!.map((e) => e.field).sort()).toEqual(['body.plannedOn', 'body.responsibleId', 'body.status']);
    expect(await transitionsOf(episodeId)).toBe(0);
  });

  it('copies the checklist of the phase, and allows one planned transition per episode, even when two are planned at once', async () => {
    const { episodeId } = await admitted();
    const [a, b] = await Promise.all([plan(s.peerWorker.client, episodeId), plan(s.coordinator.client, episodeId, { toPhase: 'aftercare' })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.code).toBe('transition_already_planned');
    expect(refused.body.title).toContain('déjà prévue');
    expect(await transitionsOf(episodeId)).toBe(1);
    const list = await s.nurse.client.get<TransitionList>(`/api/v1/episodes/${episodeId}/transitions`);
    expect(list.status).toBe(200);
    const planned = list.body.transitions[0]!;
    expect(planned).toMatchObject({ status: 'planned', fromPhase: 'treatment', responsibleName: 'Maëlle Le Gall' });
    expect(planned.items.length).toBe(planned.toPhase === 'return_home' ? 3 : 1);
  });
});

describe('ticking the checklist and completing', () => {
  it('refuses an anonymous caller and a staff member outside the care team; nothing changes', async () => {
    const { episodeId } = await admitted();
    const { id } = (await plan(s.peerWorker.client, episodeId)).body;
    const list = await s.peerWorker.client.get<TransitionList>(`/api/v1/episodes/${episodeId}/transitions`);
    const itemId = list.body.transitions[0]!.items[0]!.itemId;
    expect((await new TestClient(app).put(`/api/v1/transitions/${id}/items/${itemId}`, { done: true })).status).toBe(401);
    expect((await s.outsider.client.put<Problem>(`/api/v1/transitions/${id}/items/${itemId}`, { done: true })).body.code).toBe('not_care_team');
    expect((await s.outsider.client.post<Problem>(`/api/v1/transitions/${id}/complete`)).body.code).toBe('not_care_team');
    expect((await s.outsider.client.post<Problem>(`/api/v1/transitions/${id}/cancel`, { reason: 'Plus d’actualité' })).body.code).toBe('not_care_team');
    expect(await count('SELECT count(*)::int AS n FROM transition_item WHERE transition_id = $1 AND done_at IS NOT NULL', [id])).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM transition WHERE id = $1 AND status = 'planned'", [id])).toBe(1);
  });

  it('completes only once every item is ticked; the episode then moves into the new phase, today, in the same transaction', async () => {
    const { episodeId, personId } = await admitted();
    const { id } = (await plan(s.peerWorker.client, episodeId)).body;
    const items = (await s.peerWorker.client.get<TransitionList>(`/api/v1/episodes/${episodeId}/transitions`)).body.transitions[0]!.items;
    expect((await s.nurse.client.put(`/api/v1/transitions/${id}/items/${items[0]!.itemId}`, { done: true, note: 'Logement adapté, pas de marches.' })).status).toBe(204);
    expect((await s.peerWorker.client.put(`/api/v1/transitions/${id}/items/${items[1]!.itemId}`, { done: true })).status).toBe(204);
    const early = await s.peerWorker.client.post<Problem>(`/api/v1/transitions/${id}/complete`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('transition_checklist_incomplete');
    expect(await count("SELECT count(*)::int AS n FROM episode WHERE id = $1 AND phase_code = 'treatment'", [episodeId])).toBe(1);
    // Unticking keeps the note; ticking again records who.
    expect((await s.peerWorker.client.put(`/api/v1/transitions/${id}/items/${items[1]!.itemId}`, { done: false })).status).toBe(204);
    expect((await s.peerWorker.client.put(`/api/v1/transitions/${id}/items/${items[1]!.itemId}`, { done: true })).status).toBe(204);
    expect((await s.peerWorker.client.put(`/api/v1/transitions/${id}/items/${items[2]!.itemId}`, { done: true })).status).toBe(204);
    const unknownItem = await s.peerWorker.client.put<Problem>(`/api/v1/transitions/${id}/items/${episodeId}`, { done: true });
    expect(unknownItem.status).toBe(404);

    expect((await s.peerWorker.client.post(`/api/v1/transitions/${id}/complete`)).status).toBe(204);
    const { rows } = await database.admin.query('SELECT phase_code FROM episode WHERE id = $1', [episodeId]);
    expect(rows[0].phase_code).toBe('return_home');
    const change = await database.admin.query("SELECT from_phase, to_phase, effective_on::text, note FROM episode_phase_change WHERE episode_id = $1 AND to_phase = 'return_home'", [episodeId]);
    expect(change.rows).toEqual([{ from_phase: 'treatment', to_phase: 'return_home', effective_on: todayIn('Europe/Paris'), note: 'Retour chez sa sœur, à Villeurbanne.' }]);
    const after = (await s.nurse.client.get<TransitionList>(`/api/v1/episodes/${episodeId}/transitions`)).body;
    expect(after.currentPhase).toBe('return_home');
    expect(after.transitions[0]).toMatchObject({ status: 'completed' });
    expect(after.transitions[0]!.items[0]).toMatchObject({ done: true, doneByName: 'Nadia Haddad', note: 'Logement adapté, pas de marches.' });

    const closed = await s.peerWorker.client.put<Problem>(`/api/v1/transitions/${id}/items/${items[0]!.itemId}`, { done: false });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('transition_closed');
    const audited = await database.admin.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE person_id = $1 AND action LIKE 'transition.%' AND outcome = 'success' ORDER BY id",
      [personId],
    );
    const actions = audited.rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'transition.item_done')).toHaveLength(4);
    expect(actions).toEqual(expect.arrayContaining(['transition.planned', 'transition.item_undone', 'transition.completed', 'transition.read']));
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'episode.phase_changed'", [personId])).toBe(2);
  });

  it('a transition without a checklist completes at once; a cancelled one needs a reason and frees the episode for another plan', async () => {
    const { episodeId } = await admitted();
    const first = await plan(s.peerWorker.client, episodeId, { toPhase: 'arrival' });
    expect(first.status).toBe(201);
    const noReason = await s.peerWorker.client.post<Problem>(`/api/v1/transitions/${first.body.id}/cancel`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors!.map((e) => e.field)).toEqual(['body.reason']);
    expect((await s.peerWorker.client.post(`/api/v1/transitions/${first.body.id}/cancel`, { reason: 'La personne préfère rester en soins un mois de plus.' })).status).toBe(204);
    expect((await s.peerWorker.client.post<Problem>(`/api/v1/transitions/${first.body.id}/complete`)).body.code).toBe('transition_closed');
    const second = await plan(s.peerWorker.client, episodeId, { toPhase: 'arrival' });
    expect(second.status).toBe(201);
    expect((await s.peerWorker.client.post(`/api/v1/transitions/${second.body.id}/complete`)).status).toBe(204);
    expect((await database.admin.query('SELECT phase_code FROM episode WHERE id = $1', [episodeId])).rows[0].phase_code).toBe('arrival');
  });
});

describe('the pathway of a person', () => {
  it('refuses an anonymous caller and a staff member outside the care team (audited)', async () => {
    const { personId } = await admitted();
    expect((await new TestClient(app).get(`/api/v1/people/${personId}/pathway`)).status).toBe(401);
    const refused = await s.outsider.client.get<Problem>(`/api/v1/people/${personId}/pathway`);
    expect(refused.status).toBe(403);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'transition.read' AND outcome = 'denied'", [personId])).toBe(1);
  });

  it('shows admission, phase changes (a completed transition once, on the change it made), cancelled and planned transitions, in date order', async () => {
    const { episodeId, personId } = await admitted();
    const cancelled = await plan(s.peerWorker.client, episodeId, { toPhase: 'aftercare', plannedOn: '2026-06-01' });
    await s.peerWorker.client.post(`/api/v1/transitions/${cancelled.body.id}/cancel`, { reason: 'Trop tôt.' });
    const arrival = await plan(s.peerWorker.client, episodeId, { toPhase: 'arrival', plannedOn: '2026-03-01' });
    await s.peerWorker.client.post(`/api/v1/transitions/${arrival.body.id}/complete`);
    await plan(s.peerWorker.client, episodeId, { toPhase: 'return_home', plannedOn: '2099-01-15' });
    const reply = await s.nurse.client.get<{ events: { kind: string; on: string; toLabel: string | null; transition: { id: string; status: string } | null }[] }>(`/api/v1/people/${personId}/pathway`);
    expect(reply.status).toBe(200);
    const today = todayIn('Europe/Paris');
    expect(reply.body.events.map((e) => [e.kind, e.on, e.toLabel, e.transition?.status ?? null])).toEqual([
      ['admitted', '2026-01-05', null, null],
      ['phase_changed', '2026-01-05', 'Accueil et orientation', null],
      ['phase_changed', '2026-01-05', 'Phase de soins', null],
      ['transition_cancelled', '2026-06-01', 'Suivi après la sortie', 'cancelled'],
      ['phase_changed', today, 'Accueil et orientation', 'completed'],
      ['transition_planned', '2099-01-15', 'Préparation du retour à domicile', 'planned'],
    ]);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'transition.pathway_read'", [personId])).toBe(1);
  });
});

describe('upcoming transitions for the coordinator’s home', () => {
  it('lists planned transitions due within the horizon (overdue included) of people whose care team the actor is on', async () => {
    const mine = await admitted({ members: [s.nurse.id] });
    const notMine = await admitted({ members: [] });
    const today = todayIn('Europe/Paris');
    const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    await plan(s.peerWorker.client, mine.episodeId, { plannedOn: inDays(3), responsibleId: s.nurse.id });
    await plan(s.peerWorker.client, notMine.episodeId, { plannedOn: inDays(1) });
    const later = await admitted({ members: [s.nurse.id] });
    await plan(s.peerWorker.client, later.episodeId, { plannedOn: inDays(30), responsibleId: s.nurse.id });

    const { rows } = await database.admin.query(
      'SELECT array_agg(DISTINCT p) AS permissions FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id, unnest(r.permissions) p WHERE sr.staff_member_id = $1',
      [s.nurse.id],
    );
    const actor = { staffMemberId: s.nurse.id, organizationId: s.org.organizationId, sessionId: 'test', permissions: rows[0].permissions as string[], roleCodes: [], locale: 'fr' as const, timeZone: 'Europe/Paris' };
    const meta = { ip: null, requestId: null, userAgent: null };
    const week = await runAsActor(database.db, actor, meta, (ctx) => listUpcomingTransitions(ctx, { withinDays: 7 }));
    expect(week.map((t) => t.episodeId)).toEqual([mine.episodeId]);
    expect(week[0]).toMatchObject({ toLabel: 'Préparation du retour à domicile', plannedOn: inDays(3), overdue: false, responsibleName: 'Nadia Haddad', itemsDone: 0, itemsTotal: 3 });
    const month = await runAsActor(database.db, actor, meta, (ctx) => listUpcomingTransitions(ctx, { withinDays: 31, responsibleId: s.nurse.id }));
    expect(month.map((t) => t.episodeId)).toEqual([mine.episodeId, later.episodeId]);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'transition.upcoming_read'", [mine.personId])).toBe(2);
  });
});
