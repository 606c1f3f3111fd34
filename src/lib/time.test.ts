import { describe, expect, it } from 'vitest';
import { todayIn } from './time.js';

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
