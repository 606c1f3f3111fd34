import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The agenda's pure parts (web/src/pages/scheduling): the structure's wall clock to UTC and back,
// across the changes to and from summer time, and the booking request the new-appointment form
// builds. Loaded by path, as translation-keys.test.ts does: the web app has its own compiler settings.
const dir = path.resolve(import.meta.dirname, '../../web/src/pages/scheduling');

interface ZonedTime {
  zonedToIso: (date: string, time: string, timeZone: string) => string;
  isoToZoned: (iso: string, timeZone: string) => { date: string; time: string };
  formatSlot: (startsAt: string, endsAt: string, locale: 'fr' | 'en', timeZone: string) => string;
  addMinutes: (time: string, minutes: number) => string;
}
type Values = Record<string, unknown>;
interface BookingInput {
  bookingOf: (values: Values, timeZone: string, isRoom: (id: string) => boolean) => Record<string, unknown> | null;
}

let zoned: ZonedTime;
let booking: BookingInput;
beforeAll(async () => {
  zoned = (await import(path.join(dir, 'zoned-time.ts'))) as ZonedTime;
  booking = (await import(path.join(dir, 'booking-input.ts'))) as BookingInput;
});

const paris = 'Europe/Paris';

describe('the structure’s wall clock', () => {
  it('turns Paris times into UTC instants on both sides of the spring change (29 March 2026)', () => {
    expect(zoned.zonedToIso('2026-03-28', '10:00', paris)).toBe('2026-03-28T09:00:00.000Z');
    expect(zoned.zonedToIso('2026-03-29', '10:00', paris)).toBe('2026-03-29T08:00:00.000Z');
    expect(zoned.zonedToIso('2026-03-29', '01:30', paris)).toBe('2026-03-29T00:30:00.000Z');
  });

  it('and of the autumn change (25 October 2026)', () => {
    expect(zoned.zonedToIso('2026-10-24', '10:00', paris)).toBe('2026-10-24T08:00:00.000Z');
    expect(zoned.zonedToIso('2026-10-25', '10:00', paris)).toBe('2026-10-25T09:00:00.000Z');
  });

  it('reads instants back as Paris dates and 24-hour times, whatever the machine’s zone', () => {
    expect(zoned.isoToZoned('2026-03-29T08:00:00.000Z', paris)).toEqual({ date: '2026-03-29', time: '10:00' });
    expect(zoned.isoToZoned('2026-10-25T22:30:00.000Z', paris)).toEqual({ date: '2026-10-25', time: '23:30' });
    expect(zoned.isoToZoned('2026-12-31T23:15:00.000Z', paris)).toEqual({ date: '2027-01-01', time: '00:15' });
    for (const [date, time] of [['2026-03-29', '03:00'], ['2026-10-25', '02:30'], ['2026-07-14', '18:45']] as const) {
      expect(zoned.isoToZoned(zoned.zonedToIso(date, time, paris), paris)).toEqual({ date, time });
    }
  });

  it('writes a slot in French with 24-hour times', () => {
    expect(zoned.formatSlot('2026-03-24T09:00:00.000Z', '2026-03-24T09:45:00.000Z', 'fr', paris)).toBe('mardi 24 mars 2026, 10:00–10:45');
    expect(zoned.formatSlot('2026-03-24T13:00:00.000Z', '2026-03-24T13:45:00.000Z', 'en', paris)).toMatch(/^Tuesday,? 24 March 2026, 14:00–14:45$/);
  });

  it('adds a session’s duration within the day', () => {
    expect(zoned.addMinutes('10:30', 45)).toBe('11:15');
    expect(zoned.addMinutes('23:30', 45)).toBe('23:59');
  });
});

const base: Values = {
  kind: 'individual',
  serviceId: 'service-1',
  person: { id: 'person-1', label: 'Louise Moreau' },
  episodeId: '',
  relativeIds: [],
  title: '',
  groupFormat: 'support_group',
  capacity: '8',
  modality: 'on_site',
  siteId: 'site-1',
  roomId: 'room-1',
  equipmentIds: ['device-1'],
  partnerId: '',
  homeAddress: '',
  sectorId: '',
  videoLink: '',
  date: '2026-03-31',
  startTime: '10:00',
  endTime: '10:45',
  staffIds: ['staff-1'],
  recurrence: 'none',
  customRule: '',
  recurrenceEnd: 'count',
  until: '',
  count: '6',
  notes: '  ',
};
const isRoom = (id: string) => id.startsWith('room');

describe('the booking the new-appointment form sends', () => {
  it('waits for the service, the times, the staff and the person before anything is checked', () => {
    expect(booking.bookingOf({ ...base, serviceId: '' }, paris, isRoom)).toBeNull();
    expect(booking.bookingOf({ ...base, staffIds: [] }, paris, isRoom)).toBeNull();
    expect(booking.bookingOf({ ...base, endTime: '09:30' }, paris, isRoom)).toBeNull();
    expect(booking.bookingOf({ ...base, person: null }, paris, isRoom)).toBeNull();
  });

  it('sends the times in UTC (summer time from 29 March), the room and equipment, and no empty text', () => {
    expect(booking.bookingOf(base, paris, isRoom)).toEqual({
      kind: 'individual',
      serviceId: 'service-1',
      personId: 'person-1',
      modality: 'on_site',
      siteId: 'site-1',
      resourceIds: ['room-1', 'device-1'],
      startsAt: '2026-03-31T08:00:00.000Z',
      endsAt: '2026-03-31T08:45:00.000Z',
      staffIds: ['staff-1'],
    });
  });

  it('keeps only the fields of the chosen modality', () => {
    const home = booking.bookingOf({ ...base, modality: 'home', homeAddress: ' 3 impasse des Lilas ', sectorId: 'sector-1', videoLink: 'https://x.example' }, paris, isRoom)!;
    expect(home).toMatchObject({ modality: 'home', homeAddress: '3 impasse des Lilas', sectorId: 'sector-1', resourceIds: ['device-1'] });
    expect(home).not.toHaveProperty('siteId');
    expect(home).not.toHaveProperty('videoLink');
    const video = booking.bookingOf({ ...base, modality: 'video', videoLink: 'https://visio.example/louise' }, paris, isRoom)!;
    expect(video).toMatchObject({ videoLink: 'https://visio.example/louise' });
    expect(video).not.toHaveProperty('homeAddress');
  });

  it('a group has its title, format and places, and no person', () => {
    const group = booking.bookingOf({ ...base, kind: 'group', title: 'Groupe du mardi', capacity: '10' }, paris, isRoom)!;
    expect(group).toMatchObject({ kind: 'group', title: 'Groupe du mardi', groupFormat: 'support_group', capacity: 10 });
    expect(group).not.toHaveProperty('personId');
  });

  it('repeats on the date’s weekday: every week, every two weeks, or a custom rule, with its end', () => {
    expect(booking.bookingOf({ ...base, recurrence: 'weekly' }, paris, isRoom)!.recurrence).toEqual({ rule: 'FREQ=WEEKLY;BYDAY=TU', count: 6 });
    expect(booking.bookingOf({ ...base, recurrence: 'biweekly', recurrenceEnd: 'until', until: '2026-06-30' }, paris, isRoom)!.recurrence).toEqual({ rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', until: '2026-06-30' });
    expect(booking.bookingOf({ ...base, recurrence: 'custom', customRule: 'RRULE:FREQ=WEEKLY;BYDAY=MO,TH' }, paris, isRoom)!.recurrence).toEqual({ rule: 'FREQ=WEEKLY;BYDAY=MO,TH', count: 6 });
  });
});
