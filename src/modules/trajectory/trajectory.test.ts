import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsActor, type Actor } from '../../server/context.js';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { buildTestApp } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import { addMinutes, admitPerson, createService, paris, setUpSchedulingStructure, type SchedulingStructure, type ServiceRef } from '../../test/scheduling-fixtures.js';
import { measureEpisodeTrajectory, measureLastWeekEverywhere } from './measure-weekly-intensity.js';

let database: TestDatabase;
let app: RelaisApp;
let s: SchedulingStructure;
let service: ServiceRef;

interface Problem {
  code: string;
  title: string;
  errors?: { field: string; message: string }[];
}
interface Week {
  weekStart: string;
  plannedSessions: number | null;
  plannedMinutes: number | null;
  doneSessions: number;
  doneMinutes: number;
  unplannedContacts: number;
  actualSessions: number;
  excess: boolean;
}
interface Trajectory {
  periods: { startsOn: string; endsOn: string | null; sessionsPerWeek: number }[];
  warnings: { startsOn: string; higherThan: string }[];
  weeks: Week[];
  flags: { id: string; reason: string; details: Record<string, unknown>; acknowledgedAt: string | null; acknowledgedByName: string | null; note: string | null }[];
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  s = await setUpSchedulingStructure(app, database);
  service = await createService(s.coordinator.client);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const count = async (text: string, params: unknown[] = []) => (await database.admin.query(text, params)).rows[0].n as number;
const meta = { ip: null, requestId: null, userAgent: null };

async function actorOf(staffId: string): Promise<Actor> {
  const { rows } = await database.admin.query(
    'SELECT array_agg(DISTINCT p) AS permissions FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id, unnest(r.permissions) p WHERE sr.staff_member_id = $1',
    [staffId],
  );
  return { staffMemberId: staffId, organizationId: s.org.organizationId, sessionId: 'test', permissions: rows[0].permissions as string[], roleCodes: [], locale: 'fr', timeZone: 'Europe/Paris' };
}

const setPeriods = (client: TestClient, episodeId: string, periods: Record<string, unknown>[]) =>
  client.put<{ warnings: { startsOn: string; higherThan: string }[] } & Problem>(`/api/v1/episodes/${episodeId}/trajectory/periods`, { periods });
const period = (startsOn: string, endsOn: string | null, sessionsPerWeek: number, extra: Record<string, unknown> = {}) => ({
  startsOn,
  endsOn,
  sessionsPerWeek,
  minutesPerWeek: sessionsPerWeek * 45,
  maxDaysWithoutContact: 14,
  ...extra,
});

/** A session of 45 minutes (or `minutes`) with the peer worker, marked with `status` once past. */
async function session(personId: string, episodeId: string, startsAt: string, status: 'done' | 'missed' | 'cancelled' = 'done', minutes = 45) {
  const booked = await s.peerWorker.client.post<{ id: string }>('/api/v1/appointments', {
    kind: 'individual',
    serviceId: service.id,
    episodeId,
    personId,
    modality: 'on_site',
    startsAt,
    endsAt: addMinutes(startsAt, minutes),
    staffIds: [s.peerWorker.id],
  });
  if (booked.status !== 201) throw new Error(JSON.stringify(booked.body));
  const changed =
    status === 'cancelled'
      ? await s.peerWorker.client.post(`/api/v1/appointments/${booked.body.id}/cancel`, { reason: 'Empêchement de la personne', cancelledByParty: 'person' })
      : await s.peerWorker.client.post(`/api/v1/appointments/${booked.body.id}/status`, { status, ...(status === 'missed' ? { note: 'Pas venue.' } : {}) });
  if (changed.status !== 204) throw new Error(JSON.stringify(changed.body));
}

async function unplannedContact(episodeId: string, occurredAt: string) {
  const written = await s.peerWorker.client.post(`/api/v1/episodes/${episodeId}/journal`, { kind: 'unplanned_contact', text: 'A appelé en dehors des rendez-vous, inquiète pour son logement.', occurredAt });
  if (written.status !== 201) throw new Error(JSON.stringify(written.body));
}

describe('the intended intensity by period', () => {
  it('refuses an anonymous caller', async () => {
    const { episodeId } = await admitPerson(s, service, { startedOn: '2026-03-02' });
    expect((await setPeriods(new TestClient(app), episodeId, [period('2026-03-02', null, 2)])).status).toBe(401);
    expect((await new TestClient(app).get(`/api/v1/episodes/${episodeId}/trajectory`)).status).toBe(401);
    expect((await new TestClient(app).post(`/api/v1/episodes/${episodeId}/trajectory/measure`)).status).toBe(401);
    expect(await count('SELECT count(*)::int AS n FROM intensity_period WHERE episode_id = $1', [episodeId])).toBe(0);
  });

  it('refuses a staff member outside the care team, audits the refusal, and writes nothing', async () => {
    const { episodeId, personId } = await admitPerson(s, service, { startedOn: '2026-03-02' });
    const reply = await setPeriods(s.outsider.client, episodeId, [period('2026-03-02', null, 2)]);
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('not_care_team');
    expect((await s.outsider.client.get<Problem>(`/api/v1/episodes/${episodeId}/trajectory`)).body.code).toBe('not_care_team');
    expect((await s.outsider.client.post<Problem>(`/api/v1/episodes/${episodeId}/trajectory/measure`)).body.code).toBe('not_care_team');
    expect(await count('SELECT count(*)::int AS n FROM intensity_period WHERE episode_id = $1', [episodeId])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM weekly_intensity WHERE episode_id = $1', [episodeId])).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND outcome = 'denied' AND action IN ('trajectory.manage', 'trajectory.read')", [personId])).toBe(3);
  });

  it('names each wrong field (overlap, before the episode, bad numbers) and writes nothing', async () => {
    const { episodeId } = await admitPerson(s, service, { startedOn: '2026-03-02' });
    const overlapping = await setPeriods(s.peerWorker.client, episodeId, [period('2026-02-01', '2026-04-05', 3), period('2026-04-01', null, 2)]);
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.errors!.map((e) => e.field).sort()).toEqual(['body.periods.0.startsOn', 'body.periods.1.startsOn']);
    expect(overlapping.body.errors!.find((e) => e.field === 'body.periods.1.startsOn')!.message).toBe('Cette période chevauche la précédente.');
    const garbage = await setPeriods(s.peerWorker.client, episodeId, [period('2026-03-02', null, -1, { minutesPerWeek: 1.5, startsOn: 'lundi' })]);
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors!.map((e) => e.field).sort()).toEqual(['body.periods.0.minutesPerWeek', 'body.periods.0.sessionsPerWeek', 'body.periods.0.startsOn']);
    expect(await count('SELECT count(*)::int AS n FROM intensity_period WHERE episode_id = $1', [episodeId])).toBe(0);
  });

  it('replaces the periods, warning (not refusing) where a later one asks for more; audited', async () => {
    const { episodeId, personId } = await admitPerson(s, service, { startedOn: '2026-03-02' });
    const stepping = await setPeriods(s.peerWorker.client, episodeId, [period('2026-03-02', '2026-04-30', 3), period('2026-05-01', null, 1)]);
    expect(stepping.status).toBe(200);
    expect(stepping.body.warnings).toEqual([]);
    const up = await setPeriods(s.coordinator.client, episodeId, [period('2026-03-02', '2026-04-30', 2), period('2026-05-01', '2026-06-30', 1), period('2026-07-01', null, 3)]);
    expect(up.status).toBe(200);
    expect(up.body.warnings).toEqual([{ startsOn: '2026-07-01', higherThan: '2026-03-02' }]);
    const read = await s.nurse.client.get<Trajectory & Problem>(`/api/v1/episodes/${episodeId}/trajectory`);
    expect(read.status).toBe(403); // the nurse is not on this person's team
    const mine = await s.peerWorker.client.get<Trajectory>(`/api/v1/episodes/${episodeId}/trajectory`);
    expect(mine.body.periods.map((p) => [p.startsOn, p.endsOn, p.sessionsPerWeek])).toEqual([
      ['2026-03-02', '2026-04-30', 2],
      ['2026-05-01', '2026-06-30', 1],
      ['2026-07-01', null, 3],
    ]);
    expect(mine.body.warnings).toHaveLength(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'trajectory.plan_set'", [personId])).toBe(2);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'trajectory.read' AND outcome = 'success'", [personId])).toBe(1);
  });
});

describe('the weekly measure', () => {
  it('counts done sessions and unplanned contacts by week on the Paris calendar, across the change to summer time', async () => {
    const { personId, episodeId } = await admitPerson(s, service, { startedOn: '2026-03-02', members: [s.coordinator.id] });
    await setPeriods(s.peerWorker.client, episodeId, [period('2026-03-02', '2026-03-29', 2), period('2026-03-30', null, 1)]);
    // Week of Monday 23 March: Monday, Wednesday (30 minutes), Sunday 29 at 23:00 (summer time began that night).
    await session(personId, episodeId, paris('2026-03-23', '10:00'));
    await session(personId, episodeId, paris('2026-03-25', '10:00'), 'done', 30);
    await session(personId, episodeId, paris('2026-03-29', '23:00'));
    await session(personId, episodeId, paris('2026-03-26', '10:00'), 'missed');
    await session(personId, episodeId, paris('2026-03-27', '10:00'), 'cancelled');
    // Monday 30 March at 00:30 in Paris is still Sunday in UTC: it belongs to the week of the 30th.
    await session(personId, episodeId, paris('2026-03-30', '00:30'));
    await unplannedContact(episodeId, paris('2026-03-29', '23:50'));
    await unplannedContact(episodeId, paris('2026-03-30', '00:10'));
    await unplannedContact(episodeId, paris('2026-04-02', '18:00'));

    const run = await runAsActor(database.db, await actorOf(s.peerWorker.id), meta, (ctx) => measureEpisodeTrajectory(ctx, episodeId, { now: new Date(paris('2026-04-06', '08:00')) }));
    expect(run.weeks).toBe(5);
    const trajectory = (await s.peerWorker.client.get<Trajectory>(`/api/v1/episodes/${episodeId}/trajectory`)).body;
    const brief = trajectory.weeks.map((w) => [w.weekStart, w.plannedSessions, w.doneSessions, w.doneMinutes, w.unplannedContacts, w.excess]);
    expect(brief).toEqual([
      ['2026-03-02', 2, 0, 0, 0, false],
      ['2026-03-09', 2, 0, 0, 0, false],
      ['2026-03-16', 2, 0, 0, 0, false],
      ['2026-03-23', 2, 3, 120, 1, true],
      ['2026-03-30', 1, 1, 45, 2, true],
    ]);
    // Measuring again changes nothing (upsert), and the current week is not measured before it ends.
    await runAsActor(database.db, await actorOf(s.peerWorker.id), meta, (ctx) => measureEpisodeTrajectory(ctx, episodeId, { now: new Date(paris('2026-04-12', '23:00')) }));
    expect(await count('SELECT count(*)::int AS n FROM weekly_intensity WHERE episode_id = $1', [episodeId])).toBe(5);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'trajectory.measured'", [personId])).toBe(2);
    // Two excess weeks are not three: no excess flag. The unplanned contacts do rise (0, 0, 1, 2)
    // with no evaluation of the goals: that one is raised.
    expect(trajectory.flags.map((f) => [f.reason, f.details.counts])).toEqual([['unplanned_rise_without_progress', [0, 0, 1, 2]]]);
  });

  it('the weekly job measures last week everywhere and raises a sustained excess once, told to the référent, acknowledged with a note', async () => {
    const { personId, episodeId } = await admitPerson(s, service, { startedOn: '2026-08-31', referentId: s.peerWorker.id, members: [s.coordinator.id] });
    await setPeriods(s.peerWorker.client, episodeId, [period('2026-08-31', null, 1)]);
    for (const monday of ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28']) {
      await session(personId, episodeId, paris(monday, '14:00'));
      await session(personId, episodeId, paris(monday, '16:00'));
    }
    const notified = () => count("SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND kind = 'review_flag_raised' AND payload->>'episodeId' = $2", [s.peerWorker.id, episodeId]);

    // Mondays 21 and 28 September, early: weeks 7, 14 and 21 measured, each at twice the plan.
    await measureLastWeekEverywhere(database.db, { now: new Date(paris('2026-09-21', '04:30')) });
    expect(await count('SELECT count(*)::int AS n FROM review_flag WHERE episode_id = $1', [episodeId])).toBe(0);
    const second = await measureLastWeekEverywhere(database.db, { now: new Date(paris('2026-09-28', '04:30')) });
    expect(second.flags).toContainEqual({ episodeId, reason: 'sustained_excess' });
    expect(await notified()).toBe(1);
    const { rows } = await database.admin.query("SELECT payload FROM notification WHERE recipient_id = $1 AND kind = 'review_flag_raised' AND payload->>'episodeId' = $2", [s.peerWorker.id, episodeId]);
    expect(Object.keys(rows[0].payload as object).sort()).toEqual(['episodeId', 'flagId', 'reason']);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'trajectory.flag_raised' AND actor_id IS NULL", [personId])).toBe(1);

    // The same Monday again, and the next one with the excess going on: still one flag.
    await measureLastWeekEverywhere(database.db, { now: new Date(paris('2026-09-28', '09:00')) });
    await measureLastWeekEverywhere(database.db, { now: new Date(paris('2026-10-05', '04:30')) });
    expect(await count('SELECT count(*)::int AS n FROM review_flag WHERE episode_id = $1', [episodeId])).toBe(1);
    expect(await notified()).toBe(1);

    const view = (await s.coordinator.client.get<Trajectory>(`/api/v1/episodes/${episodeId}/trajectory`)).body;
    expect(view.weeks.filter((w) => w.excess).map((w) => w.weekStart)).toEqual(['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28']);
    const flag = view.flags[0]!;
    expect(flag).toMatchObject({ reason: 'sustained_excess', acknowledgedAt: null, details: { from: '2026-09-07', to: '2026-09-21', marginPercent: 25 } });

    expect((await new TestClient(app).post(`/api/v1/review-flags/${flag.id}/acknowledge`, { note: 'Vu.' })).status).toBe(401);
    const outsider = await s.outsider.client.post<Problem>(`/api/v1/review-flags/${flag.id}/acknowledge`, { note: 'Vu avec la personne.' });
    expect(outsider.body.code).toBe('not_care_team');
    const empty = await s.peerWorker.client.post<Problem>(`/api/v1/review-flags/${flag.id}/acknowledge`, { note: '' });
    expect(empty.body.errors!.map((e) => e.field)).toEqual(['body.note']);
    expect(await count('SELECT count(*)::int AS n FROM review_flag WHERE id = $1 AND acknowledged_at IS NULL', [flag.id])).toBe(1);
    const note = 'Revu avec elle : période de déménagement, on garde deux séances jusqu’à fin octobre puis on redescend.';
    expect((await s.peerWorker.client.post(`/api/v1/review-flags/${flag.id}/acknowledge`, { note })).status).toBe(204);
    const again = await s.peerWorker.client.post<Problem>(`/api/v1/review-flags/${flag.id}/acknowledge`, { note });
    expect(again.body.code).toBe('review_flag_acknowledged');
    const after = (await s.peerWorker.client.get<Trajectory>(`/api/v1/episodes/${episodeId}/trajectory`)).body.flags[0]!;
    expect(after).toMatchObject({ note, acknowledgedByName: 'Maëlle Le Gall' });
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'trajectory.flag_acknowledged'", [personId])).toBe(1);
    // Nothing was changed automatically: the plan is the one the team wrote.
    expect(await count('SELECT count(*)::int AS n FROM intensity_period WHERE episode_id = $1 AND sessions_per_week = 1', [episodeId])).toBe(1);
  });

  it('raises a flag for unplanned contacts rising over four weeks with no evaluation of the goals since', async () => {
    const { personId, episodeId } = await admitPerson(s, service, { startedOn: '2026-05-04', referentId: s.peerWorker.id });
    await setPeriods(s.peerWorker.client, episodeId, [period('2026-05-04', null, 10)]);
    const contacts: [string, number][] = [
      ['2026-05-04', 1],
      ['2026-05-11', 2],
      ['2026-05-18', 2],
      ['2026-05-25', 4],
    ];
    for (const [monday, n] of contacts) {
      for (let i = 0; i < n; i++) await unplannedContact(episodeId, paris(monday, `${String(9 + i).padStart(2, '0')}:00`));
    }
    const measured = await runAsActor(database.db, await actorOf(s.peerWorker.id), meta, (ctx) => measureEpisodeTrajectory(ctx, episodeId, { now: new Date(paris('2026-06-01', '07:00')) }));
    expect(measured.flags).toEqual([{ episodeId, reason: 'unplanned_rise_without_progress' }]);
    const flags = (await s.peerWorker.client.get<Trajectory>(`/api/v1/episodes/${episodeId}/trajectory`)).body.flags;
    expect(flags).toHaveLength(1);
    expect(flags[0]!.details).toMatchObject({ from: '2026-05-04', to: '2026-05-25', counts: [1, 2, 2, 4] });
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'trajectory.flag_raised'", [personId])).toBe(1);
  });
});

describe('the structure’s thresholds', () => {
  it('refuses an anonymous caller and a staff member who may not configure them; names wrong fields', async () => {
    expect((await new TestClient(app).put('/api/v1/trajectory/settings', { excessMarginPercent: 30, excessWeeks: 2, unplannedRiseWeeks: 4 })).status).toBe(401);
    const practitioner = await s.peerWorker.client.put<Problem>('/api/v1/trajectory/settings', { excessMarginPercent: 30, excessWeeks: 2, unplannedRiseWeeks: 4 });
    expect(practitioner.status).toBe(403);
    const bad = await s.coordinator.client.put<Problem>('/api/v1/trajectory/settings', { excessMarginPercent: -1, excessWeeks: 0, unplannedRiseWeeks: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['body.excessMarginPercent', 'body.excessWeeks', 'body.unplannedRiseWeeks']);
    expect(await count('SELECT count(*)::int AS n FROM trajectory_settings')).toBe(0);
    expect((await s.peerWorker.client.get<{ excessMarginPercent: number }>('/api/v1/trajectory/settings')).body).toEqual({ excessMarginPercent: 25, excessWeeks: 3, unplannedRiseWeeks: 4 });
    const set = await s.coordinator.client.put('/api/v1/trajectory/settings', { excessMarginPercent: 30, excessWeeks: 2, unplannedRiseWeeks: 5 });
    expect(set.status).toBe(200);
    expect((await s.peerWorker.client.get('/api/v1/trajectory/settings')).body).toEqual({ excessMarginPercent: 30, excessWeeks: 2, unplannedRiseWeeks: 5 });
  });
});
