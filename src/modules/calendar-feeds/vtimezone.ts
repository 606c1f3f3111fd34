const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes ("GMT+02:00" -> 120). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

const dayMs = 86_400_000;

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

// Local wall-clock time of an instant at a given offset, in iCalendar's floating form (20260329T020000).
function localStamp(instant: number, offset: number): string {
  return new Date(instant + offset * 60_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

function zoneName(instant: number, timeZone: string): string | null {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? null;
}

/** The instants in [from, to) at which the zone's offset changes, found day by day then to the minute. */
export function offsetTransitions(timeZone: string, from: Date, to: Date): { at: number; fromOffset: number; toOffset: number }[] {
  const transitions: { at: number; fromOffset: number; toOffset: number }[] = [];
  let previous = offsetMinutes(from, timeZone);
  for (let t = from.getTime(); t < to.getTime(); t += dayMs) {
    const next = offsetMinutes(new Date(t + dayMs), timeZone);
    if (next === previous) continue;
    let low = t;
    let high = t + dayMs;
    // Invariant: the offset at `low` is the old one, at `high` the new one.
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetMinutes(new Date(middle), timeZone) === previous) low = middle;
      else high = middle;
    }
    transitions.push({ at: high, fromOffset: previous, toOffset: next });
    previous = next;
  }
  return transitions;
}

/**
 * A VTIMEZONE for any IANA zone over a window, with one observance per actual change of offset
 * (RFC 5545 allows explicit DTSTARTs rather than rules): calendar apps then place each event at
 * the structure's wall-clock time on either side of the changes to and from summer time.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string {
  const initial = offsetMinutes(from, timeZone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const observance = (type: 'STANDARD' | 'DAYLIGHT', at: number, fromOffset: number, toOffset: number) => {
    const name = zoneName(at, timeZone);
    lines.push(`BEGIN:${type}`, `DTSTART:${localStamp(at, fromOffset)}`, `TZOFFSETFROM:${formatOffset(fromOffset)}`, `TZOFFSETTO:${formatOffset(toOffset)}`);
    if (name) lines.push(`TZNAME:${name}`);
    lines.push(`END:${type}`);
  };
  const transitions = offsetTransitions(timeZone, from, to);
  // The observance in force at the window's start; it is summer time when a later change lowers the offset.
  const firstChange = transitions[0];
  observance(firstChange && firstChange.toOffset < initial ? 'DAYLIGHT' : 'STANDARD', from.getTime(), initial, initial);
  for (const t of transitions) observance(t.toOffset > t.fromOffset ? 'DAYLIGHT' : 'STANDARD', t.at, t.fromOffset, t.toOffset);
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
