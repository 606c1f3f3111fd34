/**
 * Due dates that the law and good practice set for an episode (prise en charge).
 *
 * - CASF L311-4 and D311: the contrat de séjour or DIPC is handed over within 15 days of admission
 *   and signed within one month of admission; the personalised objectives annex ("avenant") is
 *   drawn up within six months of admission.
 * - The personalised plan (PAP) is reviewed at least once a year after its last agreement, and
 *   whenever the person's situation changes.
 *
 * Pure: no database, no clock. `today` is passed in so that a view, a test and a batch job all see
 * the same answer for the same day.
 *
 * Dates are calendar days written YYYY-MM-DD. They carry no time and no time zone: a deadline falls
 * on a day, whatever the structure's zone, so arithmetic is done on UTC midnights, where every day
 * lasts exactly 24 hours (no summer-time shift can move a date by one).
 */

export interface DeadlineSettings {
  /** An ESSMS follows the legal clock; an independent practitioner can turn it off (then only plan reviews are computed). */
  legalClock: boolean;
  /** Contract or DIPC handed over within this many days of admission (default 15). */
  contractHandoverDays: number;
  /** Contract or DIPC signed within this many calendar months of admission (default 1). */
  contractSignatureMonths: number;
  /** Personalised objectives annex agreed within this many calendar months of admission (default 6). */
  objectivesAnnexMonths: number;
  /** Plan reviewed within this many calendar months of its latest agreement (default 12). */
  planReviewMonths: number;
  /** Days before a due date when it becomes "due soon" (default 14). */
  dueSoonDays: number;
  /**
   * Calendar months after a recorded change of situation within which the plan is reviewed
   * (default 1). Optional so that settings stored before it existed keep working.
   */
  situationReviewMonths?: number;
}

export const defaultSituationReviewMonths = 1;

export const defaultDeadlineSettings: DeadlineSettings = {
  legalClock: true,
  contractHandoverDays: 15,
  contractSignatureMonths: 1,
  objectivesAnnexMonths: 6,
  planReviewMonths: 12,
  dueSoonDays: 14,
  situationReviewMonths: defaultSituationReviewMonths,
};

export interface EpisodeFacts {
  /** YYYY-MM-DD (admission). */
  startedOn: string;
  endedOn: string | null;
  contractHandedOverOn: string | null;
  contractSignedOn: string | null;
  /** First plan version agreed (signed or refusal recorded) that carries the personalised objectives. */
  objectivesAgreedOn: string | null;
  /** Every date a plan version was agreed, any order. */
  planAgreedOn: string[];
  /** Dates the team recorded a change of situation that calls for a review. */
  situationChangedOn: string[];
}

export type DeadlineKind = 'contract_handover' | 'contract_signature' | 'objectives_annex' | 'plan_review' | 'situation_review';
export type DeadlineStatus = 'done' | 'done_late' | 'upcoming' | 'due_soon' | 'overdue';

export interface Deadline {
  kind: DeadlineKind;
  dueOn: string;
  doneOn: string | null;
  status: DeadlineStatus;
  /** Days from today to the due date: negative when overdue, 0 on the day itself; null when done. */
  daysLeft: number | null;
}

// ---------------------------------------------------------------------------------------------
// Calendar days

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid YYYY-MM-DD, or a RangeError naming the bad value. */
function dayNumber(value: string, label = 'date'): number {
  const match = typeof value === 'string' ? DAY_PATTERN.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return Math.round(utcMidnight(year, month, day) / MS_PER_DAY);
    }
  }
  throw new RangeError(`Invalid ${label} (expected a calendar date YYYY-MM-DD): ${JSON.stringify(value)}`);
}

/** Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not. */
function utcMidnight(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function formatDay(year: number, month: number, day: number): string {
  if (!(year >= 1 && year <= 9999)) throw new RangeError(`Date out of range (years 0001 to 9999): year ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fromDayNumber(days: number): string {
  const date = new Date(days * MS_PER_DAY);
  return formatDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function requireInteger(value: number, label: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${label} must be a whole number: ${String(value)}`);
}

/** Throws a RangeError unless `value` is a real calendar day written YYYY-MM-DD. */
export function assertCalendarDay(value: string, label = 'date'): void {
  dayNumber(value, label);
}

/** `day` plus `days` calendar days (negative goes back). 2026-12-20 + 15 = 2027-01-04. */
export function addDays(day: string, days: number): string {
  requireInteger(days, 'days');
  return fromDayNumber(dayNumber(day) + days);
}

/**
 * Calendar months, clamped to the month's last day: 2026-01-31 + 1 month = 2026-02-28;
 * 2024-01-31 + 1 = 2024-02-29; 2025-08-31 + 6 = 2026-02-28.
 * "Within one month of 31 January" cannot mean 3 March: the law counts in months, so the due date
 * stays in the target month (as Article 641 of the Code de procédure civile does for legal time limits).
 */
export function addMonths(day: string, months: number): string {
  requireInteger(months, 'months');
  dayNumber(day);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (targetYear < 1 || targetYear > 9999) throw new RangeError(`Date out of range (years 0001 to 9999): year ${targetYear}`);
  return formatDay(targetYear, targetMonth, Math.min(date, daysInMonth(targetYear, targetMonth)));
}

/** Calendar days from `from` to `to`: positive when `to` is later. daysBetween(d, addDays(d, k)) === k. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

// ---------------------------------------------------------------------------------------------
// Episode deadlines

const kindOrder: Record<DeadlineKind, number> = {
  contract_handover: 0,
  contract_signature: 1,
  objectives_annex: 2,
  plan_review: 3,
  situation_review: 4,
};

function validateSettings(settings: DeadlineSettings): void {
  const counts: [keyof DeadlineSettings, number | undefined][] = [
    ['contractHandoverDays', settings.contractHandoverDays],
    ['contractSignatureMonths', settings.contractSignatureMonths],
    ['objectivesAnnexMonths', settings.objectivesAnnexMonths],
    ['planReviewMonths', settings.planReviewMonths],
    ['dueSoonDays', settings.dueSoonDays],
    ['situationReviewMonths', settings.situationReviewMonths],
  ];
  for (const [name, value] of counts) {
    if (value === undefined && name === 'situationReviewMonths') continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`Deadline setting ${name} must be a whole number of zero or more: ${String(value)}`);
    }
  }
}

/**
 * The episode's deadlines on `today`, sorted by due date (then in the order of the kinds above).
 *
 * Rules:
 * - contract_handover: due startedOn + contractHandoverDays (15). Done when the contract was handed
 *   over; a signed contract counts as handed over on its signature day if no handover date was kept.
 * - contract_signature: due addMonths(startedOn, contractSignatureMonths) (1). Done when signed.
 * - objectives_annex: due addMonths(startedOn, objectivesAnnexMonths) (6). Done when the first plan
 *   version carrying the personalised objectives was agreed (signed, or a refusal recorded).
 * - plan_review: due addMonths(latest agreement, planReviewMonths) (12). Only the next review is
 *   shown, and it is never done: agreeing a new version makes that version the latest, which moves
 *   the review on. With no plan agreed yet there is no review: the objectives annex is what is due.
 * - situation_review: one per recorded change of situation (same-day records count once), due
 *   addMonths(change, situationReviewMonths) (1: a change of situation is not left to wait for
 *   the yearly review, and a month leaves time to meet the person and agree a new version).
 *   Done by the first agreement on or after the change day. A change recorded before the first
 *   agreement asks for nothing: the plan being built takes it into account, and the objectives
 *   annex deadline already watches that plan.
 * - legalClock off: only plan_review and situation_review (the contract and annex are ESSMS duties).
 * - An ended episode computes nothing after its end: deadlines due after endedOn are dropped, those
 *   due on or before it stay, overdue if not done.
 * - Status: done items are 'done' (on or before the due day) or 'done_late'. Others are 'overdue'
 *   once the due day has passed (daysLeft < 0), 'due_soon' from dueSoonDays days before it up to and
 *   including the day itself, 'upcoming' before that.
 */
export function episodeDeadlines(facts: EpisodeFacts, settings: DeadlineSettings, today: string): Deadline[] {
  validateSettings(settings);
  const todayNumber = dayNumber(today, 'today');
  const start = dayNumber(facts.startedOn, 'startedOn');
  const end = facts.endedOn === null ? null : dayNumber(facts.endedOn, 'endedOn');
  if (end !== null && end < start) {
    throw new RangeError(`endedOn (${facts.endedOn}) is before startedOn (${facts.startedOn})`);
  }
  for (const [label, value] of [
    ['contractHandedOverOn', facts.contractHandedOverOn],
    ['contractSignedOn', facts.contractSignedOn],
    ['objectivesAgreedOn', facts.objectivesAgreedOn],
  ] as const) {
    if (value !== null) assertCalendarDay(value, label);
  }
  facts.planAgreedOn.forEach((value, index) => assertCalendarDay(value, `planAgreedOn[${index}]`));
  facts.situationChangedOn.forEach((value, index) => assertCalendarDay(value, `situationChangedOn[${index}]`));

  // YYYY-MM-DD strings of valid dates sort as the days they name.
  const agreements = [...new Set([...facts.planAgreedOn, ...(facts.objectivesAgreedOn ? [facts.objectivesAgreedOn] : [])])].sort();
  const firstAgreement = agreements[0] ?? null;
  const latestAgreement = agreements[agreements.length - 1] ?? null;

  const found: { kind: DeadlineKind; dueOn: string; doneOn: string | null }[] = [];

  if (settings.legalClock) {
    found.push({
      kind: 'contract_handover',
      dueOn: addDays(facts.startedOn, settings.contractHandoverDays),
      doneOn: facts.contractHandedOverOn ?? facts.contractSignedOn,
    });
    found.push({
      kind: 'contract_signature',
      dueOn: addMonths(facts.startedOn, settings.contractSignatureMonths),
      doneOn: facts.contractSignedOn,
    });
    found.push({
      kind: 'objectives_annex',
      dueOn: addMonths(facts.startedOn, settings.objectivesAnnexMonths),
      doneOn: facts.objectivesAgreedOn,
    });
  }

  if (latestAgreement !== null) {
    found.push({ kind: 'plan_review', dueOn: addMonths(latestAgreement, settings.planReviewMonths), doneOn: null });
  }

  if (firstAgreement !== null) {
    const reviewMonths = settings.situationReviewMonths ?? defaultSituationReviewMonths;
    for (const changedOn of [...new Set(facts.situationChangedOn)].sort()) {
      if (changedOn < firstAgreement) continue;
      found.push({
        kind: 'situation_review',
        dueOn: addMonths(changedOn, reviewMonths),
        doneOn: agreements.find((agreedOn) => agreedOn >= changedOn) ?? null,
      });
    }
  }

  return found
    .filter((deadline) => end === null || dayNumber(deadline.dueOn) <= end)
    .map((deadline): Deadline => {
      const due = dayNumber(deadline.dueOn);
      if (deadline.doneOn !== null) {
        const status = dayNumber(deadline.doneOn) <= due ? 'done' : 'done_late';
        return { ...deadline, status, daysLeft: null };
      }
      const daysLeft = due - todayNumber;
      const status = daysLeft < 0 ? 'overdue' : daysLeft <= settings.dueSoonDays ? 'due_soon' : 'upcoming';
      return { ...deadline, status, daysLeft };
    })
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : kindOrder[a.kind] - kindOrder[b.kind]));
}
