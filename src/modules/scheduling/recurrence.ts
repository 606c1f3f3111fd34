import rrule from 'rrule';
import { DomainError } from '../../lib/domain-error.js';
import { addDays, clock, zonedInstant } from '../../lib/time.js';

const { RRule } = rrule;

/** At most this many occurrences are created at once (two years of weekly sessions). */
export const maxOccurrences = 104;
/** A rule with neither an end date nor a count stops after a year. */
const defaultHorizonDays = 365;

export interface Recurrence {
  rule: string;
  until?: string | null | undefined;
  count?: number | null | undefined;
  exceptionDates?: string[] | undefined;
}

export interface Occurrence {
  /** Local date and time of the structure ("2026-03-24", 600). */
  localDate: string;
  localMinutes: number;
  startsAt: Date;
  endsAt: Date;
}

const ruleError = (fr: string, en: string) => new DomainError('validation_failed', {}, [{ field: 'body.recurrence.rule', message: { fr, en } }]);

/**
 * The occurrences of an RFC 5545 rule in the structure's time zone. The rule is expanded on the wall
 * clock (floating times), then each occurrence is placed in the zone: a weekly 10:00 session stays at
 * 10:00 on both sides of a change of time.
 */
export function expandRecurrence(recurrence: Recurrence, first: { localDate: string; localMinutes: number }, durationMinutes: number, timeZone: string): Occurrence[] {
  const text = recurrence.rule.trim().replace(/^RRULE:/i, '');
  if (/(^|;)(DTSTART|UNTIL|COUNT)=/i.test(text) || /[\r\n]/.test(text)) {
    throw ruleError('Indiquez la règle sans DTSTART, UNTIL ni COUNT (la fin se donne à part).', 'Give the rule without DTSTART, UNTIL or COUNT (the end is given separately).');
  }
  let options;
  try {
    options = RRule.parseString(text);
  } catch {
    throw ruleError('Règle de récurrence illisible (format RFC 5545, par exemple FREQ=WEEKLY;INTERVAL=2;BYDAY=TU).', 'Unreadable recurrence rule (RFC 5545, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU).');
  }
  if (options.freq === undefined || options.freq === null || (options.freq !== RRule.DAILY && options.freq !== RRule.WEEKLY && options.freq !== RRule.MONTHLY && options.freq !== RRule.YEARLY)) {
    throw ruleError('La fréquence doit être quotidienne, hebdomadaire, mensuelle ou annuelle.', 'The frequency must be daily, weekly, monthly or yearly.');
  }
  const [y, m, d] = first.localDate.split('-').map(Number) as [number, number, number];
  const dtstart = new Date(Date.UTC(y, m - 1, d, Math.floor(first.localMinutes / 60), first.localMinutes % 60));
  const until = recurrence.until ?? (recurrence.count ? null : addDays(first.localDate, defaultHorizonDays));
  let rule: InstanceType<typeof RRule>;
  try {
    rule = new RRule({
      ...options,
      dtstart,
      ...(until ? { until: new Date(`${until}T23:59:59Z`) } : {}),
      ...(recurrence.count ? { count: recurrence.count } : {}),
      // Floating times: rrule works on the wall clock; the zone is applied below.
      tzid: null,
    });
  } catch {
    throw ruleError('Règle de récurrence invalide.', 'Invalid recurrence rule.');
  }
  const skipped = new Set(recurrence.exceptionDates ?? []);
  const occurrences: Occurrence[] = [];
  let tooMany = false;
  rule.all((date, index) => {
    if (index >= maxOccurrences + skipped.size) {
      tooMany = true;
      return false;
    }
    const localDate = date.toISOString().slice(0, 10);
    if (!skipped.has(localDate)) {
      const localMinutes = date.getUTCHours() * 60 + date.getUTCMinutes();
      const startsAt = zonedInstant(localDate, localMinutes, timeZone);
      occurrences.push({ localDate, localMinutes, startsAt, endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000) });
    }
    return true;
  });
  if (tooMany || occurrences.length > maxOccurrences) {
    throw ruleError(`Au plus ${maxOccurrences} séances à la fois : choisissez une date de fin plus proche.`, `At most ${maxOccurrences} sessions at once: choose an earlier end date.`);
  }
  if (occurrences.length === 0) {
    throw ruleError('Cette règle ne donne aucune séance : vérifiez la date de fin et les exceptions.', 'This rule gives no session: check the end date and the exceptions.');
  }
  return occurrences;
}

/** "mardi 24/03 à 10:00", for messages about one occurrence of a series. */
export function describeOccurrence(o: { localDate: string; localMinutes: number }): { fr: string; en: string } {
  const date = o.localDate.split('-').reverse().join('/');
  return { fr: `le ${date} à ${clock(o.localMinutes)}`, en: `on ${o.localDate} at ${clock(o.localMinutes)}` };
}
