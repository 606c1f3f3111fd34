import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { offsetTransitions, vtimezone } from './vtimezone.js';

describe('VTIMEZONE from the zone database', () => {
  it('finds the changes to and from summer time in Europe/Paris to the minute', () => {
    const changes = offsetTransitions('Europe/Paris', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(changes.map((c) => [new Date(c.at).toISOString(), c.fromOffset, c.toOffset])).toEqual([
      ['2026-03-29T01:00:00.000Z', 60, 120],
      ['2026-10-25T01:00:00.000Z', 120, 60],
    ]);
  });

  it('gives ical.js the right offset on both sides of each change', () => {
    const text = vtimezone('Europe/Paris', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(text).toContain('DTSTART:20260329T020000');
    expect(text).toContain('TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
    const zone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(text) as unknown[]));
    const local = (s: string) => {
      const t = ICAL.Time.fromDateTimeString(s);
      t.zone = zone;
      return t.toJSDate().toISOString();
    };
    expect(local('2026-03-24T10:00:00')).toBe('2026-03-24T09:00:00.000Z');
    expect(local('2026-03-31T10:00:00')).toBe('2026-03-31T08:00:00.000Z');
    expect(local('2026-10-20T10:00:00')).toBe('2026-10-20T08:00:00.000Z');
    expect(local('2026-10-27T10:00:00')).toBe('2026-10-27T09:00:00.000Z');
  });

  it('has a single observance for a zone without summer time', () => {
    const text = vtimezone('America/Cayenne', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(text.match(/BEGIN:STANDARD/g)).toHaveLength(1);
    expect(text).toContain('TZOFFSETTO:-0300');
  });
});
