import { TZDate } from '@date-fns/tz';

// Appointments travel as UTC instants; people type and read them as the structure's wall-clock time
// (session.organization.timeZone), whatever the tablet's own time zone, across summer time changes.

/** "2026-03-24" + "10:30" in the structure's zone → "2026-03-24T09:30:00.000Z". */
export function zonedToIso(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, h!, min!, timeZone).getTime()).toISOString();
}

/** An instant as the structure's calendar date and 24-hour time: { date: "2026-03-24", time: "10:30" }. */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** "mardi 24 mars 2026, 10:30–11:15" in the structure's zone. */
export function formatSlot(startsAt: string, endsAt: string, locale: 'fr' | 'en', timeZone: string): string {
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const day = new Intl.DateTimeFormat(intl, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(startsAt));
  const time = new Intl.DateTimeFormat(intl, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day}, ${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`;
}

/** Minutes between two "HH:MM" times of the same day. */
export function minutesBetween(start: string, end: string): number {
  const toMinutes = (t: string) => {
    const [h, m] = t.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  return toMinutes(end) - toMinutes(start);
}

/** "10:30" plus 45 minutes → "11:15" (capped at 23:59: an appointment stays within its day). */
export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = Math.min(23 * 60 + 59, (h ?? 0) * 60 + (m ?? 0) + minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
