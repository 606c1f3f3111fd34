import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/time.js';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { buildTestApp } from '../../test/factories.js';
import { addMinutes, admitPerson, createService, paris, setUpSchedulingStructure, type SchedulingStructure, type ServiceRef } from '../../test/scheduling-fixtures.js';

let database: TestDatabase;
let app: RelaisApp;
let s: SchedulingStructure;
let service: ServiceRef;
let roomId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  s = await setUpSchedulingStructure(app, database);
  service = await createService(s.coordinator.client);
  roomId = (await s.coordinator.client.post<{ id: string }>('/api/v1/resources', { kind: 'equipment', name: 'Fauteuil de relaxation PSIO' })).body.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

interface Slot {
  startsAt: string;
  endsAt: string;
  staffIds: string[];
  resourceId: string | null;
}
interface SearchReply {
  slots: Slot[];
  reasons: { code: string; message: string }[];
}

const search = (body: Record<string, unknown>) => s.coordinator.client.post<SearchReply>('/api/v1/slots/search', body);

describe('slot finder', () => {
  it('says why there is nothing: the référent is on leave that week', async () => {
    const { personId } = await admitPerson(s, service, { referentId: s.nurse.id });
    await s.nurse.client.post(`/api/v1/staff/${s.nurse.id}/absences`, { kind: 'leave', startsAt: paris('2028-01-03', '00:00'), endsAt: paris('2028-01-10', '00:00') });
    const reply = await search({ serviceId: service.id, personId, modality: 'on_site', staff: [{ staffId: s.nurse.id }], from: '2028-01-03', to: '2028-01-09' });
    expect(reply.status).toBe(200);
    expect(reply.body.slots).toEqual([]);
    expect(reply.body.reasons[0]).toEqual({ code: 'staff_absent', message: 'Nadia Haddad est en congé du 03/01/2028 au 09/01/2028.' });
  });

  it('says when the person’s weekly limit is reached, and finds the next week', async () => {
    const { personId, episodeId } = await admitPerson(s, service, { members: [s.psychologist.id] });
    await s.coordinator.client.put(`/api/v1/episodes/${episodeId}/pace`, { maxSessionsPerDay: 1, maxSessionsPerWeek: 1, minGapMinutes: null, note: null });
    const booked = await s.coordinator.client.post('/api/v1/appointments', { kind: 'individual', serviceId: service.id, personId, modality: 'on_site', startsAt: paris('2028-02-07', '10:00'), endsAt: paris('2028-02-07', '10:45'), staffIds: [s.coordinator.id] });
    expect(booked.status).toBe(201);
    const sameWeek = await search({ serviceId: service.id, personId, modality: 'on_site', staff: [{ staffId: s.psychologist.id }], from: '2028-02-08', to: '2028-02-13' });
    expect(sameWeek.body.slots).toEqual([]);
    expect(sameWeek.body.reasons.map((r) => r.code)).toContain('pace_weekly_limit');
    const twoWeeks = await search({ serviceId: service.id, personId, modality: 'on_site', staff: [{ staffId: s.psychologist.id }], from: '2028-02-08', to: '2028-02-20', limit: 3 });
    // Alternatives, each bookable on its own: all in the following week.
    expect(twoWeeks.body.slots).toHaveLength(3);
    for (const slot of twoWeeks.body.slots) expect(slot.startsAt >= paris('2028-02-14', '00:00')).toBe(true);
  });

  it('finds "any psychologist" on the care team, and spreads slots over days when asked', async () => {
    const { personId } = await admitPerson(s, service, { members: [s.psychologist.id] });
    const reply = await search({ serviceId: service.id, personId, modality: 'on_site', staff: [{ disciplineId: s.org.disciplineId('psychologist') }], from: '2028-03-06', to: '2028-03-10', order: 'spread', limit: 5 });
    expect(reply.body.slots).toHaveLength(5);
    // The outsider is a psychologist too, but not on this person's care team.
    expect(new Set(reply.body.slots.flatMap((x) => x.staffIds))).toEqual(new Set([s.psychologist.id]));
    expect(new Set(reply.body.slots.map((x) => x.startsAt.slice(0, 10))).size).toBe(5);
  });

  it('refuses a horizon in the past or too long, field by field', async () => {
    const { personId } = await admitPerson(s, service);
    const past = await search({ serviceId: service.id, personId, modality: 'on_site', staff: [{ staffId: s.peerWorker.id }], from: '2020-01-01', to: '2020-01-31' });
    expect(past.status).toBe(400);
    expect((past.body as unknown as { errors: { field: string }[] }).errors[0]!.field).toBe('body.to');
  });

  // Property: whatever the hours, absences, existing appointments and pace, every proposed slot
  // passes the booking rules (the check route), and the first can be booked.
  it('every slot it proposes can be booked', async () => {
    let week = 0;
    const scenario = fc.record({
      windows: fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), start: fc.integer({ min: 14, max: 34 }), length: fc.integer({ min: 2, max: 18 }) }), { minLength: 0, maxLength: 6 }),
      busy: fc.array(fc.record({ day: fc.integer({ min: 0, max: 6 }), start: fc.integer({ min: 14, max: 40 }), length: fc.integer({ min: 1, max: 6 }), who: fc.constantFrom('staff', 'person', 'room') }), { maxLength: 6 }),
      absence: fc.option(fc.record({ day: fc.integer({ min: 0, max: 6 }), start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 2, max: 30 }) }), { nil: null }),
      pace: fc.record({ perDay: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }), perWeek: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), gap: fc.option(fc.constantFrom(60, 240, 1440), { nil: null }) }),
      duration: fc.constantFrom(30, 45),
      modality: fc.constantFrom('on_site', 'video', 'phone'),
      order: fc.constantFrom('earliest', 'spread'),
      withRoom: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        week += 1;
        const monday = addDays('2029-01-01', week * 7);
        const at = (day: number, half: number) => paris(addDays(monday, day), `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`);
        const { personId, episodeId } = await admitPerson(s, service, { members: [s.psychologist.id], startedOn: '2026-01-05' });
        const weekly = sc.windows.map((w) => ({ weekday: w.weekday, startsAt: `${String(Math.floor(w.start / 2)).padStart(2, '0')}:${w.start % 2 ? '30' : '00'}`, endsAt: `${String(Math.floor(Math.min(47, w.start + w.length) / 2)).padStart(2, '0')}:${Math.min(47, w.start + w.length) % 2 ? '30' : '00'}` }));
        // Overlapping windows are refused by the route; keep one per weekday.
        const perDay = [...new Map(weekly.map((w) => [w.weekday, w])).values()];
        expect((await s.psychologist.client.put(`/api/v1/staff/${s.psychologist.id}/availability`, { weekly: perDay.map((w) => ({ ...w, validFrom: '2026-01-01' })) })).status).toBe(204);
        expect((await s.coordinator.client.put(`/api/v1/episodes/${episodeId}/pace`, { maxSessionsPerDay: sc.pace.perDay, maxSessionsPerWeek: sc.pace.perWeek && sc.pace.perDay ? Math.max(sc.pace.perWeek, sc.pace.perDay) : sc.pace.perWeek, minGapMinutes: sc.pace.gap, note: null })).status).toBe(204);
        for (const b of sc.busy) {
          // Written straight away (other staff, no rules of the psychologist's), to make the week busy.
          const body =
            b.who === 'person'
              ? { kind: 'individual', serviceId: service.id, personId, modality: 'phone', staffIds: [s.coordinator.id] }
              : b.who === 'room'
                ? { kind: 'practice_analysis', serviceId: service.id, modality: 'on_site', staffIds: [s.coordinator.id, s.nurse.id], resourceIds: [roomId] }
                : { kind: 'practice_analysis', serviceId: service.id, modality: 'on_site', staffIds: [s.psychologist.id, s.nurse.id] };
          await s.coordinator.client.post('/api/v1/appointments', { ...body, startsAt: at(b.day, b.start), endsAt: at(b.day, b.start + b.length) });
        }
        if (sc.absence) {
          await s.psychologist.client.post(`/api/v1/staff/${s.psychologist.id}/absences`, { kind: 'training', startsAt: at(sc.absence.day, sc.absence.start), endsAt: addMinutes(at(sc.absence.day, sc.absence.start), sc.absence.length * 30) });
        }
        const reply = await search({
          serviceId: service.id,
          personId,
          durationMinutes: sc.duration,
          modality: sc.modality,
          staff: [{ staffId: s.psychologist.id }],
          resourceId: sc.withRoom ? roomId : null,
          from: monday,
          to: addDays(monday, 6),
          order: sc.order,
          limit: 8,
        });
        expect(reply.status).toBe(200);
        const slots = reply.body.slots;
        expect(slots.length).toBeLessThanOrEqual(8);
        expect([...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt))).toEqual(slots);
        if (slots.length === 0) expect(reply.body.reasons.length).toBeGreaterThan(0);
        for (const slot of slots) {
          expect(slot.startsAt >= paris(monday, '00:00') && slot.endsAt <= paris(addDays(monday, 7), '00:00')).toBe(true);
          const check = await s.coordinator.client.post<{ ok: boolean; violations: unknown[] }>('/api/v1/appointments/check', {
            kind: 'individual',
            serviceId: service.id,
            personId,
            modality: sc.modality,
            ...(sc.modality === 'video' ? { videoLink: 'https://visio.example/r' } : {}),
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            staffIds: slot.staffIds,
            resourceIds: slot.resourceId ? [slot.resourceId] : [],
          });
          expect(check.body).toEqual({ ok: true, violations: [] });
        }
        if (slots[0]) {
          const booked = await s.coordinator.client.post('/api/v1/appointments', {
            kind: 'individual',
            serviceId: service.id,
            personId,
            modality: sc.modality,
            ...(sc.modality === 'video' ? { videoLink: 'https://visio.example/r' } : {}),
            startsAt: slots[0].startsAt,
            endsAt: slots[0].endsAt,
            staffIds: slots[0].staffIds,
            resourceIds: slots[0].resourceId ? [slots[0].resourceId] : [],
          });
          expect(booked.status).toBe(201);
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
