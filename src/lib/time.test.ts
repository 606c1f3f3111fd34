import { describe, expect, it } from 'vitest';
import { addDays, localMoment, todayIn, weekStart, zonedInstant } from './time.js';

describe('todayIn', () => {
  it('gives the calendar day of the structure, not of the server', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Paris (UTC+1 in winter) and in La Réunion (UTC+4).
    const lateEvening = new Date('2026-12-31T23:30:00Z');
    expect(todayIn('UTC', lateEvening)).toBe('2026-12-31');
    expect(todayIn('Europe/Paris', lateEvening)).toBe('2027-01-01');
    expect(todayIn('Indian/Reunion', new Date('2026-06-30T21:00:00Z'))).toBe('2026-07-01');
    expect(todayIn('America/Cayenne', new Date('2026-07-01T02:00:00Z'))).toBe('2026-06-30');
  });
});

describe('the structure clock across the changes of time (Europe/Paris)', () => {
  const tz = 'Europe/Paris';
  it('keeps 10:00 local on both sides of the spring change', () => {
    expect(zonedInstant('2026-03-24', 600, tz).toISOString()).toBe('2026-03-24T09:00:00.000Z');
    expect(zonedInstant('2026-03-31', 600, tz).toISOString()).toBe('2026-03-31T08:00:00.000Z');
    expect(zonedInstant('2026-10-27', 600, tz).toISOString()).toBe('2026-10-27T09:00:00.000Z');
  });
  it('moves a time that does not exist (02:30 on the spring change) past the gap, and takes the first of a time that exists twice', () => {
    expect(zonedInstant('2026-03-29', 150, tz).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localMoment(zonedInstant('2026-03-29', 150, tz), tz).minutes).toBe(210);
    expect(zonedInstant('2026-10-25', 150, tz).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant('2026-10-25', 0, tz).toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });
  it('reads an instant as the local date, ISO weekday and minutes', () => {
    expect(localMoment(new Date('2026-10-25T01:30:00Z'), tz)).toEqual({ date: '2026-10-25', weekday: 7, minutes: 150 });
    expect(localMoment(new Date('2026-03-29T22:30:00Z'), tz)).toEqual({ date: '2026-03-30', weekday: 1, minutes: 30 });
  });
  it('round-trips every quarter hour of a year', () => {
    for (let day = 0; day < 366; day += 1) {
      const date = addDays('2026-01-01', day);
      for (let minutes = 0; minutes < 1440; minutes += 15) {
        const local = localMoment(zonedInstant(date, minutes, tz), tz);
        const skipped = date === '2026-03-29' && minutes >= 120 && minutes < 180;
        expect(local.date).toBe(date);
        expect(local.minutes).toBe(skipped ? minutes + 60 : minutes);
      }
    }
  });
  it('finds the Monday of a week', () => {
    expect(weekStart('2026-03-29')).toBe('2026-03-23');
    expect(weekStart('2026-03-30')).toBe('2026-03-30');
  });
});
