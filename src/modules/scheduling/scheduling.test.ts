import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { buildTestApp } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import { addMinutes, admitPerson, createService, paris, setUpSchedulingStructure, type SchedulingStructure, type ServiceRef } from '../../test/scheduling-fixtures.js';

let database: TestDatabase;
let app: RelaisApp;
let s: SchedulingStructure;
let service: ServiceRef;

interface Problem {
  code: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
  details?: { violations: { code: string; message: { fr: string } }[] };
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
const appointmentsOf = (personId: string) => count('SELECT count(*)::int AS n FROM appointment WHERE person_id = $1', [personId]);

function book(client: TestClient, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return client.post<{ id: string; seriesId: string | null; occurrences: number } & Problem>('/api/v1/appointments', body, headers);
}

const individual = (personId: string, staffIds: string[], startsAt: string, minutes = 45, extra: Record<string, unknown> = {}) => ({
  kind: 'individual',
  serviceId: service.id,
  personId,
  modality: 'on_site',
  startsAt,
  endsAt: addMinutes(startsAt, minutes),
  staffIds,
  ...extra,
});

describe('booking: access and bad input', () => {
  it('refuses an anonymous caller', async () => {
    const anonymous = new TestClient(app);
    const reply = await anonymous.post<Problem>('/api/v1/appointments', {});
    expect(reply.status).toBe(401);
  });

  it('refuses a staff member outside the care team, audits the refusal and writes nothing', async () => {
    const { personId } = await admitPerson(s, service);
    const reply = await book(s.outsider.client, individual(personId, [s.outsider.id], paris('2027-03-01', '10:00')));
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('not_care_team');
    expect(await appointmentsOf(personId)).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'appointment.book' AND outcome = 'denied'", [personId])).toBe(1);
  });

  it('names each field that is wrong, in French, and writes nothing', async () => {
    const { personId } = await admitPerson(s, service);
    const start = paris('2027-03-01', '10:00');
    const reply = await book(s.peerWorker.client, { ...individual(personId, [s.peerWorker.id, s.outsider.id], start), modality: 'home', endsAt: start });
    expect(reply.status).toBe(400);
    expect(reply.body.errors!.map((e) => e.field).sort()).toEqual(['body.endsAt', 'body.homeAddress']);
    const staff = await book(s.peerWorker.client, individual(personId, [s.peerWorker.id, s.outsider.id], start));
    expect(staff.status).toBe(400);
    expect(staff.body.errors).toEqual([{ field: 'body.staffIds.1', code: 'invalid', message: expect.stringContaining('ne fait pas partie de l’équipe') }]);
    const garbage = await book(s.peerWorker.client, { ...individual(personId, [s.peerWorker.id], start), startsAt: 'demain', unknownField: 1 });
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors!.map((e) => e.field).sort()).toEqual(['body.startsAt', 'body.unknownField']);
    expect(await appointmentsOf(personId)).toBe(0);
  });

  it('books, shows the appointment to the care team, and only "busy" to other colleagues; both reads are audited', async () => {
    const { personId } = await admitPerson(s, service, { firstName: 'Amandine', lastName: 'Rivière' });
    const start = paris('2027-03-02', '14:00');
    const booked = await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], start), { 'idempotency-key': 'rdv-amandine-1' });
    expect(booked.status).toBe(201);
    const retried = await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], start), { 'idempotency-key': 'rdv-amandine-1' });
    expect(retried.body.id).toBe(booked.body.id);
    expect(await appointmentsOf(personId)).toBe(1);

    const view = await s.peerWorker.client.get<{ personLabel: string; staff: { name: string }[]; status: string; version: number }>(`/api/v1/appointments/${booked.body.id}`);
    expect(view.body).toMatchObject({ personLabel: 'Amandine Rivière', status: 'planned', version: 1, staff: [{ name: 'Maëlle Le Gall' }] });
    const outsiderView = await s.outsider.client.get<Problem>(`/api/v1/appointments/${booked.body.id}`);
    expect(outsiderView.status).toBe(403);

    const week = `from=${encodeURIComponent(paris('2027-03-01', '00:00'))}&to=${encodeURIComponent(paris('2027-03-08', '00:00'))}&staffIds=${s.peerWorker.id}`;
    const mine = await s.peerWorker.client.get<{ events: { id: string; title: string; visible: boolean; personLabel: string | null }[] }>(`/api/v1/agenda?${week}`);
    expect(mine.body.events.find((e) => e.id === booked.body.id)).toMatchObject({ visible: true, personLabel: 'Amandine Rivière', title: expect.stringContaining('Amandine Rivière') });
    const theirs = await s.outsider.client.get<{ events: { id: string; title: string; visible: boolean; personLabel: string | null; serviceName: string }[] }>(`/api/v1/agenda?${week}`);
    expect(theirs.body.events.find((e) => e.id === booked.body.id)).toMatchObject({ visible: false, personLabel: null, title: '', serviceName: '' });
    expect(JSON.stringify(theirs.body)).not.toContain('Rivière');
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action IN ('appointment.read', 'agenda.read') AND outcome = 'success'", [personId])).toBe(2);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'appointment.read' AND outcome = 'denied'", [personId])).toBe(1);
  });

  it('keeps an administrator out of agendas (accounts, not clinical content)', async () => {
    const reply = await s.org.admin.get<Problem>(`/api/v1/agenda?from=${encodeURIComponent(paris('2027-03-01', '00:00'))}&to=${encodeURIComponent(paris('2027-03-08', '00:00'))}&staffIds=${s.peerWorker.id}`);
    expect(reply.status).toBe(403);
  });
});

describe('no double booking, under concurrency', () => {
  it('of 12 bookings fired at once on the same practitioner and slot, exactly one succeeds', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, () => admitPerson(s, service, { members: [s.psychologist.id] })));
    const start = paris('2027-04-05', '09:00');
    const replies = await Promise.all(people.map((p) => book(s.psychologist.client, individual(p.personId, [s.psychologist.id], start))));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = replies.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(11);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('slot_taken');
      expect(r.body.title).toContain('Ce créneau n’est pas libre');
    }
    expect(await count('SELECT count(*)::int AS n FROM appointment_participant WHERE staff_member_id = $1 AND blocking AND period && tstzrange($2::timestamptz, $3::timestamptz)', [s.psychologist.id, start, addMinutes(start, 45)])).toBe(1);
  });

  it('refuses an overlapping appointment for a person or a room, naming who is busy and when', async () => {
    const room = await s.coordinator.client.post<{ id: string }>('/api/v1/resources', { kind: 'room', name: 'Salle Hortensia', capacity: 6 });
    const a = await admitPerson(s, service, { members: [s.nurse.id, s.psychologist.id] });
    const b = await admitPerson(s, service, { members: [s.nurse.id] });
    const start = paris('2027-04-06', '10:00');
    expect((await book(s.nurse.client, individual(a.personId, [s.nurse.id], start, 45, { resourceIds: [room.body.id] }))).status).toBe(201);
    const roomTaken = await book(s.nurse.client, individual(b.personId, [s.coordinator.id], addMinutes(start, 30), 45, { resourceIds: [room.body.id] }));
    expect(roomTaken.status).toBe(409);
    expect(roomTaken.body.detail).toBe('Salle Hortensia a déjà un rendez-vous de 10:00 à 10:45.');
    const personTaken = await book(s.psychologist.client, individual(a.personId, [s.psychologist.id], addMinutes(start, 15)));
    expect(personTaken.status).toBe(409);
    expect(personTaken.body.detail).toBe('La personne a déjà un rendez-vous de 10:00 à 10:45.');
    // Back to back is not an overlap (half-open periods).
    expect((await book(s.psychologist.client, individual(a.personId, [s.psychologist.id], addMinutes(start, 45)))).status).toBe(201);
  });

  it('the database itself refuses an overlap written behind the application’s back', async () => {
    const { personId } = await admitPerson(s, service);
    const start = paris('2027-04-07', '10:00');
    const booked = await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], start));
    const other = await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], addMinutes(start, 120)));
    await expect(database.admin.query('UPDATE appointment SET starts_at = $1, ends_at = $2 WHERE id = $3', [addMinutes(start, 15), addMinutes(start, 60), other.body.id])).rejects.toThrow(/appointment_participant_no_overlap/);
    expect(booked.status).toBe(201);
  });

  it('a cancelled appointment frees its slot', async () => {
    const { personId } = await admitPerson(s, service);
    const start = paris('2027-04-08', '10:00');
    const booked = await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], start));
    const noReason = await s.peerWorker.client.post<Problem>(`/api/v1/appointments/${booked.body.id}/cancel`, { reason: '', cancelledByParty: 'person' });
    expect(noReason.status).toBe(400);
    expect((await s.peerWorker.client.post(`/api/v1/appointments/${booked.body.id}/cancel`, { reason: 'La personne est souffrante', cancelledByParty: 'person' })).status).toBe(204);
    expect((await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], start))).status).toBe(201);
    const view = await s.peerWorker.client.get<{ status: string; cancelReason: string; cancelledByParty: string }>(`/api/v1/appointments/${booked.body.id}`);
    expect(view.body).toMatchObject({ status: 'cancelled', cancelReason: 'La personne est souffrante', cancelledByParty: 'person' });
    const again = await s.peerWorker.client.post<Problem>(`/api/v1/appointments/${booked.body.id}/cancel`, { reason: 'encore', cancelledByParty: 'person' });
    expect(again.body.code).toBe('appointment_closed');
  });
});

describe('rules, each refusal in plain French', () => {
  it('a session never exceeds the service’s maximum duration, and uses an allowed modality', async () => {
    const videoOnly = await createService(s.coordinator.client, { modalities: ['video'], maxDurationMinutes: 45 });
    const { personId } = await admitPerson(s, videoOnly);
    const start = paris('2027-05-03', '10:00');
    const long = await book(s.peerWorker.client, { ...individual(personId, [s.peerWorker.id], start, 60), serviceId: videoOnly.id, modality: 'video', videoLink: 'https://visio.example/abc' });
    expect(long.status).toBe(422);
    expect(long.body.code).toBe('duration_exceeds_service');
    expect(long.body.detail).toMatch(/45 minutes au plus par séance \(demandé : 60 minutes\)/);
    const phone = await book(s.peerWorker.client, { ...individual(personId, [s.peerWorker.id], start), serviceId: videoOnly.id, modality: 'phone' });
    expect(phone.status).toBe(422);
    expect(phone.body.code).toBe('modality_not_allowed');
    const http = await book(s.peerWorker.client, { ...individual(personId, [s.peerWorker.id], start), serviceId: videoOnly.id, modality: 'video', videoLink: 'http://visio.example/abc' });
    expect(http.status).toBe(400);
    expect(await appointmentsOf(personId)).toBe(0);
  });

  it('follows the staff member’s weekly hours and absences', async () => {
    const { personId } = await admitPerson(s, service, { referentId: s.nurse.id });
    expect((await s.nurse.client.put(`/api/v1/staff/${s.nurse.id}/availability`, { weekly: [{ weekday: 1, startsAt: '09:00', endsAt: '12:30', validFrom: '2026-01-01' }, { weekday: 3, startsAt: '13:00', endsAt: '17:00', validFrom: '2026-01-01' }] })).status).toBe(204);
    const overlapping = await s.nurse.client.put<Problem>(`/api/v1/staff/${s.nurse.id}/availability`, { weekly: [{ weekday: 1, startsAt: '09:00', endsAt: '12:00' }, { weekday: 1, startsAt: '11:00', endsAt: '13:00' }] });
    expect(overlapping.status).toBe(400);
    const otherStaff = await s.peerWorker.client.put<Problem>(`/api/v1/staff/${s.nurse.id}/availability`, { weekly: [] });
    expect(otherStaff.status).toBe(403);

    const tuesday = await book(s.nurse.client, individual(personId, [s.nurse.id], paris('2027-05-04', '10:00')));
    expect(tuesday.status).toBe(409);
    expect(tuesday.body.code).toBe('staff_unavailable');
    expect(tuesday.body.detail).toBe('Nadia Haddad ne travaille pas le mardi.');
    const late = await book(s.nurse.client, individual(personId, [s.nurse.id], paris('2027-05-03', '12:00')));
    expect(late.body.detail).toBe('Nadia Haddad travaille le lundi de 09:00 à 12:30 : 12:00–12:45 en dépasse.');
    expect((await book(s.nurse.client, individual(personId, [s.nurse.id], paris('2027-05-03', '11:45')))).status).toBe(201);

    const leave = await s.nurse.client.post<{ id: string }>(`/api/v1/staff/${s.nurse.id}/absences`, { kind: 'leave', startsAt: paris('2027-05-10', '00:00'), endsAt: paris('2027-05-15', '00:00'), note: 'Congés' });
    expect(leave.status).toBe(201);
    const onLeave = await book(s.nurse.client, individual(personId, [s.nurse.id], paris('2027-05-12', '14:00')));
    expect(onLeave.status).toBe(409);
    expect(onLeave.body.code).toBe('staff_absent');
    expect(onLeave.body.detail).toBe('Nadia Haddad est en congé du 10/05/2027 au 14/05/2027.');
    expect((await s.nurse.client.delete(`/api/v1/staff/${s.nurse.id}/absences/${leave.body.id}`)).status).toBe(204);
    expect((await book(s.nurse.client, individual(personId, [s.nurse.id], paris('2027-05-12', '14:00')))).status).toBe(201);
  });

  it('books at a partner structure only on its on-site days', async () => {
    const partner = await s.coordinator.client.post<{ id: string }>('/api/v1/partners', { name: 'CCAS de Rennes', kind: 'ccas_cias', onsiteWeekdays: [2] });
    expect(partner.status).toBe(201);
    const { personId } = await admitPerson(s, service);
    const monday = await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], paris('2027-05-17', '10:00'), 45, { modality: 'partner_site', partnerId: partner.body.id }));
    expect(monday.status).toBe(409);
    expect(monday.body.code).toBe('partner_day_required');
    expect(monday.body.detail).toBe('CCAS de Rennes accueille le mardi ; pas le lundi.');
    expect((await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], paris('2027-05-18', '10:00'), 45, { modality: 'partner_site', partnerId: partner.body.id }))).status).toBe(201);
  });

  it('respects the pace agreed with the person: per day, per week, and a minimum gap', async () => {
    const { personId, episodeId } = await admitPerson(s, service, { members: [s.psychologist.id] });
    expect((await s.outsider.client.put<Problem>(`/api/v1/episodes/${episodeId}/pace`, { maxSessionsPerDay: 1, maxSessionsPerWeek: 2, minGapMinutes: 1440, note: null })).status).toBe(403);
    const inverted = await s.peerWorker.client.put<Problem>(`/api/v1/episodes/${episodeId}/pace`, { maxSessionsPerDay: 3, maxSessionsPerWeek: 2, minGapMinutes: null, note: null });
    expect(inverted.status).toBe(400);
    expect((await s.peerWorker.client.put(`/api/v1/episodes/${episodeId}/pace`, { maxSessionsPerDay: 1, maxSessionsPerWeek: 2, minGapMinutes: 1440, note: 'Pas plus d’une séance par jour, fatigue' })).status).toBe(204);
    expect((await s.peerWorker.client.get<{ maxSessionsPerWeek: number }>(`/api/v1/episodes/${episodeId}/pace`)).body.maxSessionsPerWeek).toBe(2);

    expect((await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], paris('2027-06-07', '09:00')))).status).toBe(201);
    const sameDay = await book(s.psychologist.client, individual(personId, [s.psychologist.id], paris('2027-06-07', '16:00')));
    expect(sameDay.status).toBe(409);
    expect(sameDay.body.code).toBe('pace_daily_limit');
    expect(sameDay.body.detail).toBe('Rythme convenu : 1 séance(s) par jour au plus ; le 07/06/2027 en compte déjà 1.');
    const tooSoon = await book(s.psychologist.client, individual(personId, [s.psychologist.id], paris('2027-06-08', '08:00')));
    expect(tooSoon.body.code).toBe('pace_min_gap');
    expect(tooSoon.body.detail).toMatch(/^Rythme convenu : 24 h au moins entre deux séances/);
    expect((await book(s.psychologist.client, individual(personId, [s.psychologist.id], paris('2027-06-09', '10:00')))).status).toBe(201);
    const third = await book(s.psychologist.client, individual(personId, [s.psychologist.id], paris('2027-06-11', '10:00')));
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('pace_weekly_limit');
    expect(third.body.detail).toBe('Rythme convenu : 2 séance(s) par semaine au plus ; la semaine du 07/06/2027 en compte déjà 2.');
    expect((await book(s.psychologist.client, individual(personId, [s.psychologist.id], paris('2027-06-14', '10:00')))).status).toBe(201);
  });

  it('leaves the travel time the structure sets between home visits in different sectors', async () => {
    const north = await s.coordinator.client.post<{ id: string }>('/api/v1/sectors', { name: 'Rennes Nord' });
    const south = await s.coordinator.client.post<{ id: string }>('/api/v1/sectors', { name: 'Rennes Sud' });
    expect((await s.coordinator.client.put('/api/v1/sectors/travel-times', { travelTimes: [{ fromSectorId: south.body.id, toSectorId: north.body.id, minutes: 40 }] })).status).toBe(204);
    const a = await admitPerson(s, service);
    const b = await admitPerson(s, service);
    const home = (sectorId: string) => ({ modality: 'home', homeAddress: '12 rue de Brest, Rennes', sectorId });
    expect((await book(s.peerWorker.client, individual(a.personId, [s.peerWorker.id], paris('2027-06-21', '09:00'), 45, home(north.body.id)))).status).toBe(201);
    const rushed = await book(s.peerWorker.client, individual(b.personId, [s.peerWorker.id], paris('2027-06-21', '10:00'), 45, home(south.body.id)));
    expect(rushed.status).toBe(409);
    expect(rushed.body.code).toBe('travel_time_insufficient');
    expect(rushed.body.detail).toBe('Maëlle Le Gall a une visite à domicile dans un autre secteur de 09:00 à 09:45 : il faut 40 minutes de trajet entre les deux.');
    expect((await book(s.peerWorker.client, individual(b.personId, [s.peerWorker.id], paris('2027-06-21', '10:00'), 45, home(north.body.id)))).status).toBe(201);
    expect((await book(s.peerWorker.client, individual(b.personId, [s.peerWorker.id], paris('2027-06-21', '11:30'), 45, home(south.body.id)))).status).toBe(201);
  });

  it('the dry-run check gives the same refusals without writing', async () => {
    const { personId } = await admitPerson(s, service);
    const start = paris('2027-06-28', '10:00');
    expect((await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], start))).status).toBe(201);
    const before = await appointmentsOf(personId);
    const check = await s.peerWorker.client.post<{ ok: boolean; violations: { code: string; message: string }[] }>('/api/v1/appointments/check', individual(personId, [s.peerWorker.id], addMinutes(start, 15), 60));
    expect(check.body.ok).toBe(false);
    expect(check.body.violations.map((v) => v.code).sort()).toEqual(['duration_exceeds_service', 'slot_taken', 'slot_taken']);
    const fine = await s.peerWorker.client.post<{ ok: boolean }>('/api/v1/appointments/check', individual(personId, [s.peerWorker.id], addMinutes(start, 60)));
    expect(fine.body.ok).toBe(true);
    expect(await appointmentsOf(personId)).toBe(before);
  });
});

describe('recurrence', () => {
  it('a weekly 10:00 session stays at 10:00 in Paris across the change to summer time', async () => {
    const { personId } = await admitPerson(s, service);
    const reply = await book(s.peerWorker.client, { ...individual(personId, [s.peerWorker.id], paris('2027-03-16', '10:00')), recurrence: { rule: 'FREQ=WEEKLY;BYDAY=TU', count: 4 } });
    expect(reply.status).toBe(201);
    expect(reply.body.occurrences).toBe(4);
    const { rows } = await database.admin.query<{ starts_at: Date }>('SELECT starts_at FROM appointment WHERE series_id = $1 ORDER BY starts_at', [reply.body.seriesId]);
    expect(rows.map((r) => r.starts_at.toISOString())).toEqual(['2027-03-16T09:00:00.000Z', '2027-03-23T09:00:00.000Z', '2027-03-30T08:00:00.000Z', '2027-04-06T08:00:00.000Z']);
  });

  it('every two weeks with an exception, and in autumn back to winter time', async () => {
    const { personId } = await admitPerson(s, service);
    const reply = await book(s.peerWorker.client, {
      ...individual(personId, [s.peerWorker.id], paris('2027-10-19', '18:00')),
      recurrence: { rule: 'FREQ=WEEKLY;INTERVAL=2', until: '2027-12-31', exceptionDates: ['2027-11-16'] },
    });
    expect(reply.status).toBe(201);
    const { rows } = await database.admin.query<{ starts_at: Date }>('SELECT starts_at FROM appointment WHERE series_id = $1 ORDER BY starts_at', [reply.body.seriesId]);
    expect(rows.map((r) => r.starts_at.toISOString())).toEqual(['2027-10-19T16:00:00.000Z', '2027-11-02T17:00:00.000Z', '2027-11-30T17:00:00.000Z', '2027-12-14T17:00:00.000Z', '2027-12-28T17:00:00.000Z']);
  });

  it('refuses a whole series when one occurrence breaks a rule, naming the session', async () => {
    const { personId } = await admitPerson(s, service);
    expect((await book(s.peerWorker.client, individual(personId, [s.peerWorker.id], paris('2027-09-14', '10:00')))).status).toBe(201);
    const series = await book(s.peerWorker.client, { ...individual(personId, [s.peerWorker.id], paris('2027-09-07', '10:00')), recurrence: { rule: 'FREQ=WEEKLY', count: 3 } });
    expect(series.status).toBe(409);
    expect(series.body.detail).toBe('Séance le 14/09/2027 à 10:00 : Maëlle Le Gall a déjà un rendez-vous de 10:00 à 10:45.');
    expect(await appointmentsOf(personId)).toBe(1);
    const bad = await book(s.peerWorker.client, { ...individual(personId, [s.peerWorker.id], paris('2027-09-07', '10:00')), recurrence: { rule: 'FREQ=SECONDLY', count: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors![0]!.field).toBe('body.recurrence.rule');
  });

  it('moves "this one" or "this and the following", keeping the earlier ones', async () => {
    const { personId } = await admitPerson(s, service);
    const series = await book(s.peerWorker.client, { ...individual(personId, [s.peerWorker.id], paris('2027-02-02', '10:00')), recurrence: { rule: 'FREQ=WEEKLY', count: 6 } });
    const { rows: ids } = await database.admin.query<{ id: string }>('SELECT id FROM appointment WHERE series_id = $1 ORDER BY starts_at', [series.body.seriesId]);
    const second = ids[1]!.id;
    const one = await s.peerWorker.client.patch<{ startsAt: string; version: number }>(`/api/v1/appointments/${second}`, { startsAt: paris('2027-02-10', '14:00'), endsAt: paris('2027-02-10', '14:45'), scope: 'this' }, { 'if-match': '"1"' });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ startsAt: paris('2027-02-10', '14:00'), version: 2 });
    const stale = await s.peerWorker.client.patch<Problem>(`/api/v1/appointments/${second}`, { startsAt: paris('2027-02-10', '15:00'), endsAt: paris('2027-02-10', '15:45') }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_conflict');

    const fourth = ids[3]!.id;
    const following = await s.peerWorker.client.patch<{ seriesId: string }>(`/api/v1/appointments/${fourth}`, { startsAt: paris('2027-02-23', '11:00'), endsAt: paris('2027-02-23', '11:45'), scope: 'following' });
    expect(following.status).toBe(200);
    const { rows } = await database.admin.query<{ starts_at: Date; series_id: string }>('SELECT starts_at, series_id FROM appointment WHERE person_id = $1 ORDER BY starts_at', [personId]);
    expect(rows.map((r) => r.starts_at.toISOString())).toEqual([
      paris('2027-02-02', '10:00'),
      paris('2027-02-10', '14:00'),
      paris('2027-02-16', '10:00'),
      paris('2027-02-23', '11:00'),
      paris('2027-03-02', '11:00'),
      paris('2027-03-09', '11:00'),
    ]);
    expect(new Set(rows.slice(3).map((r) => r.series_id)).size).toBe(1);
    expect(rows[3]!.series_id).not.toBe(series.body.seriesId);
    const cancelled = await s.peerWorker.client.post(`/api/v1/appointments/${fourth}/cancel`, { reason: 'Fin de l’accompagnement individuel', cancelledByParty: 'structure', scope: 'following' });
    expect(cancelled.status).toBe(204);
    expect(await count("SELECT count(*)::int AS n FROM appointment WHERE person_id = $1 AND status = 'cancelled'", [personId])).toBe(3);
  });
});

describe('groups', () => {
  it('fills the places, then the waiting list in order; a cancellation gives the place to the first waiting; attendance once started', async () => {
    const people = await Promise.all(Array.from({ length: 4 }, (_, i) => admitPerson(s, service, { members: [s.psychologist.id], firstName: `Membre${i}` })));
    const start = new Date(Date.now() - 30 * 60_000).toISOString();
    const group = await book(s.psychologist.client, { kind: 'group', serviceId: service.id, title: 'Groupe de parole du mardi', groupFormat: 'support_group', capacity: 2, modality: 'on_site', startsAt: start, endsAt: addMinutes(start, 45), staffIds: [s.psychologist.id] });
    expect(group.status).toBe(201);
    const register = (personId: string) => s.psychologist.client.post<{ status: string; position: number | null } & Problem>(`/api/v1/appointments/${group.body.id}/registrations`, { personId });
    const results = [];
    for (const p of people) results.push((await register(p.personId)).body);
    expect(results.map((r) => [r.status, r.position])).toEqual([['registered', null], ['registered', null], ['waitlisted', 1], ['waitlisted', 2]]);
    expect((await register(people[0]!.personId)).status).toBe(409);

    const out = await s.psychologist.client.delete<{ promotedPersonId: string }>(`/api/v1/appointments/${group.body.id}/registrations/${people[1]!.personId}`);
    expect(out.body.promotedPersonId).toBe(people[2]!.personId);
    const view = await s.psychologist.client.get<{ registeredCount: number; waitlistCount: number; registrations: { personId: string; status: string }[] }>(`/api/v1/appointments/${group.body.id}`);
    expect(view.body).toMatchObject({ registeredCount: 2, waitlistCount: 1 });

    const attendance = await s.psychologist.client.put(`/api/v1/appointments/${group.body.id}/attendance`, { entries: [{ personId: people[0]!.personId, attendance: 'present' }, { personId: people[2]!.personId, attendance: 'excused' }] });
    expect(attendance.status).toBe(204);
    const notRegistered = await s.psychologist.client.put<Problem>(`/api/v1/appointments/${group.body.id}/attendance`, { entries: [{ personId: people[3]!.personId, attendance: 'present' }] });
    expect(notRegistered.status).toBe(400);
    const { rows } = await database.admin.query<{ person_id: string; attendance: string }>("SELECT person_id, attendance FROM appointment_participant WHERE appointment_id = $1 AND attendance IS NOT NULL ORDER BY attendance", [group.body.id]);
    expect(rows).toEqual([{ person_id: people[2]!.personId, attendance: 'excused' }, { person_id: people[0]!.personId, attendance: 'present' }]);
  });

  it('of registrations racing for the last place, one gets it and the others wait, in the database', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => admitPerson(s, service, { members: [s.psychologist.id] })));
    const start = paris('2027-07-06', '18:00');
    const group = await book(s.psychologist.client, { kind: 'group', serviceId: service.id, title: 'Atelier de psychoéducation', groupFormat: 'psychoeducation_workshop', capacity: 1, modality: 'on_site', startsAt: start, endsAt: addMinutes(start, 45), staffIds: [s.psychologist.id] });
    const replies = await Promise.all(people.map((p) => s.psychologist.client.post<{ status: string }>(`/api/v1/appointments/${group.body.id}/registrations`, { personId: p.personId })));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(replies.filter((r) => r.body.status === 'registered')).toHaveLength(1);
    expect(await count("SELECT count(*)::int AS n FROM appointment_participant WHERE appointment_id = $1 AND registration_status = 'registered'", [group.body.id])).toBe(1);
    await expect(database.admin.query("UPDATE appointment_participant SET registration_status = 'registered', waitlist_position = NULL WHERE appointment_id = $1 AND registration_status = 'waitlisted'", [group.body.id])).rejects.toThrow(/group is full/);
  });
});

describe('status', () => {
  it('a missed session asks for a note for the team (the référent is told), never a penalty; a future one cannot be marked done', async () => {
    const { personId } = await admitPerson(s, service, { referentId: s.peerWorker.id, members: [s.coordinator.id] });
    const past = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const booked = await book(s.coordinator.client, individual(personId, [s.coordinator.id], past));
    expect(booked.status).toBe(201);
    const future = await book(s.coordinator.client, individual(personId, [s.coordinator.id], paris('2027-08-02', '10:00')));
    const early = await s.coordinator.client.post<Problem>(`/api/v1/appointments/${future.body.id}/status`, { status: 'done' });
    expect(early.body.code).toBe('appointment_not_started');
    expect((await s.coordinator.client.post(`/api/v1/appointments/${future.body.id}/status`, { status: 'confirmed' })).status).toBe(204);
    const before = await count("SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND kind = 'appointment_missed'", [s.peerWorker.id]);
    expect((await s.coordinator.client.post(`/api/v1/appointments/${booked.body.id}/status`, { status: 'missed', note: 'Pas venue ; à rappeler, elle évoquait des difficultés de transport.' })).status).toBe(204);
    expect(await count("SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND kind = 'appointment_missed'", [s.peerWorker.id])).toBe(before + 1);
    const { rows } = await database.admin.query<{ payload: Record<string, unknown> }>("SELECT payload FROM notification WHERE recipient_id = $1 AND kind = 'appointment_missed' ORDER BY created_at DESC LIMIT 1", [s.peerWorker.id]);
    expect(JSON.stringify(rows[0]!.payload)).not.toMatch(/Durand|transport/);
    const view = await s.coordinator.client.get<{ status: string; outcomeNote: string }>(`/api/v1/appointments/${booked.body.id}`);
    expect(view.body).toMatchObject({ status: 'missed', outcomeNote: expect.stringContaining('transport') });
    expect((await s.coordinator.client.post<Problem>(`/api/v1/appointments/${booked.body.id}/status`, { status: 'done' })).body.code).toBe('appointment_closed');
  });
});
