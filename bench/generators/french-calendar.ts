import { dayMs } from './timeline.js';

/**
 * Europe/Paris's offset from UTC in minutes on the day starting at `dayStartMs` (00:00 UTC), at
 * working hours: summer time runs from the last Sunday of March to the last Sunday of October,
 * both switches at 01:00 UTC (EU rule). Computed, not looked up through Intl: it runs per day and
 * the rule has not changed since 1996.
 */
export function parisOffsetMinutes(dayStartMs: number): number {
  const year = new Date(dayStartMs).getUTCFullYear();
  const summerStarts = lastSundayUtc(year, 2) + 3_600_000;
  const summerEnds = lastSundayUtc(year, 9) + 3_600_000;
  const noon = dayStartMs + 12 * 3_600_000;
  return noon >= summerStarts && noon < summerEnds ? 120 : 60;
}

function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return lastDay.getTime() - lastDay.getUTCDay() * dayMs;
}

/** The instant of a Paris wall-clock time (minutes after local midnight) on the day starting at `dayStartMs`. */
export function parisTimeMs(dayStartMs: number, minutes: number, offsetMinutes = parisOffsetMinutes(dayStartMs)): number {
  return dayStartMs + (minutes - offsetMinutes) * 60_000;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of the day starting at `dayStartMs`. */
export function isoWeekday(dayStartMs: number): number {
  return ((new Date(dayStartMs).getUTCDay() + 6) % 7) + 1;
}

/** Easter Sunday (anonymous Gregorian algorithm), as 00:00 UTC of that day. */
function easterUtc(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** The French public holidays (jours fériés) of a year, as 00:00 UTC of each day: no sessions then. */
export function frenchPublicHolidays(year: number): number[] {
  const easter = easterUtc(year);
  const fixed = [[0, 1], [4, 1], [4, 8], [6, 14], [7, 15], [10, 1], [10, 11], [11, 25]].map(([month, day]) => Date.UTC(year, month!, day!));
  // Easter Monday, Ascension Thursday, Whit Monday.
  return [...fixed, easter + dayMs, easter + 39 * dayMs, easter + 50 * dayMs].sort((a, b) => a - b);
}
