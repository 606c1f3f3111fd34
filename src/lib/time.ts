// One formatter per time zone: building an Intl.DateTimeFormat costs more than formatting with it.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date (YYYY-MM-DD) in a time zone: what "today" means to the structure, not to the server. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** An instant as the structure's clock shows it: calendar date, ISO weekday (1 = Monday) and minutes since midnight. */
export interface LocalMoment {
  date: string;
  weekday: number;
  minutes: number;
}

export function localMoment(instant: Date, timeZone: string): LocalMoment {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit' });
    partFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(instant)) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: weekdays[parts.weekday!]!, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/**
 * The instant at which the structure's clock shows `date` at `minutes` past midnight. Across a change
 * of time (Europe/Paris: 02:00 -> 03:00 in March, 03:00 -> 02:00 in October) a wall-clock time that does
 * not exist moves forward by the gap, and one that exists twice takes its first occurrence.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  // The offsets half a day before and after: a zone changes at most once in between.
  const before = guess - offsetMinutes(new Date(guess - 43_200_000), timeZone) * 60_000;
  const after = guess - offsetMinutes(new Date(guess + 43_200_000), timeZone) * 60_000;
  const shows = (t: number) => {
    const local = localMoment(new Date(t), timeZone);
    return local.date === date && local.minutes === minutes;
  };
  const valid = [before, after].filter(shows);
  // In a gap neither shows the time: the old offset puts it just past the gap.
  const instant = valid.length ? Math.min(...valid) : before;
  return new Date(instant);
}

/** The zone's offset from UTC at an instant, in minutes (Europe/Paris: 60 in winter, 120 in summer). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const local = localMoment(instant, timeZone);
  const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, Math.floor(local.minutes / 60), local.minutes % 60);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** Adds whole days to a calendar date (YYYY-MM-DD), without any time zone. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The Monday of a calendar date's ISO week. */
export function weekStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // 0 = Monday
  return addDays(date, -weekday);
}

/** "14:30" from minutes past midnight. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "HH:MM" (or "HH:MM:SS") to minutes past midnight. */
export function clockMinutes(value: string): number {
  const [h, m] = value.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
