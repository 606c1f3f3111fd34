/**
 * The autonomy trajectory, as pure functions over week figures: what was planned, what was done,
 * and when the team should look again. Nothing here acts on the person's support: a flag is a
 * prompt for the référent to review it with the person, never an automatic change.
 */
import { addDays } from '../../lib/time.js';

export interface WeekFigures {
  /** The Monday of the week (YYYY-MM-DD), on the structure's calendar. */
  weekStart: string;
  plannedSessions: number | null;
  plannedMinutes: number | null;
  doneSessions: number;
  doneMinutes: number;
  unplannedContacts: number;
}

export interface TrajectoryThresholds {
  /** An excess week is one whose actual sessions exceed the plan by MORE than this percentage. */
  excessMarginPercent: number;
  /** This many excess weeks in a row are a sustained excess. */
  excessWeeks: number;
  /** Unplanned contacts are looked at over this many weeks. */
  unplannedRiseWeeks: number;
}

export const defaultThresholds: TrajectoryThresholds = { excessMarginPercent: 25, excessWeeks: 3, unplannedRiseWeeks: 4 };

/** The actual intensity of a week, in sessions: appointments done plus unplanned contacts. */
export function actualSessions(week: WeekFigures): number {
  return week.doneSessions + week.unplannedContacts;
}

/**
 * Whether a week is above plan by more than the margin. Exactly at the margin is not an excess
 * (planned 4, margin 25 %: 5 is not, 6 is). Counted in tenths of a session so that 1.5 planned
 * sessions compare exactly. A week with no plan is never an excess: there is nothing to exceed.
 */
export function isExcessWeek(week: WeekFigures, marginPercent: number): boolean {
  if (week.plannedSessions === null) return false;
  const plannedTenths = Math.round(week.plannedSessions * 10);
  return actualSessions(week) * 10 * 100 > plannedTenths * (100 + marginPercent);
}

/** The last `count` weeks if they follow each other without a gap, oldest first; null otherwise. */
export function lastConsecutiveWeeks(weeks: readonly WeekFigures[], count: number): WeekFigures[] | null {
  const sorted = [...weeks].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  if (count < 1 || sorted.length < count) return null;
  const tail = sorted.slice(-count);
  for (let i = 1; i < tail.length; i++) if (addDays(tail[i - 1]!.weekStart, 7) !== tail[i]!.weekStart) return null;
  return tail;
}

/** A sustained excess: the last N weeks in a row each above plan by more than the margin. */
export function sustainedExcess(weeks: readonly WeekFigures[], thresholds: TrajectoryThresholds): { from: string; to: string; weeks: WeekFigures[] } | null {
  const tail = lastConsecutiveWeeks(weeks, thresholds.excessWeeks);
  if (!tail || !tail.every((w) => isExcessWeek(w, thresholds.excessMarginPercent))) return null;
  return { from: tail[0]!.weekStart, to: tail[tail.length - 1]!.weekStart, weeks: tail };
}

/** The least-squares slope of a series against 0, 1, 2… (contacts per week, per week). */
export function leastSquaresSlope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

/**
 * Unplanned contacts rising over the last M weeks in a row. We chose a positive least-squares slope
 * AND more contacts in the last week than in the first, rather than a strictly increasing series:
 * real weeks wobble (1, 2, 2, 4 is a rise; strictly increasing would miss it), while a single busy
 * week in the middle of a flat run (1, 4, 1, 1) has a slope near zero and no higher end, so it is not.
 */
export function unplannedRise(weeks: readonly WeekFigures[], riseWeeks: number): { from: string; to: string; counts: number[]; slope: number } | null {
  const tail = lastConsecutiveWeeks(weeks, riseWeeks);
  if (!tail) return null;
  const counts = tail.map((w) => w.unplannedContacts);
  const slope = leastSquaresSlope(counts);
  if (!(slope > 0) || counts[counts.length - 1]! <= counts[0]!) return null;
  return { from: tail[0]!.weekStart, to: tail[tail.length - 1]!.weekStart, counts, slope: Math.round(slope * 100) / 100 };
}

export interface EvaluationFacts {
  evaluatedOn: string;
  tScore: number | null;
  scores: { goalId: string; level: number }[];
}

/**
 * Whether the goals progressed on or after `since`: an evaluation from that day on has a higher
 * T-score than the evaluation before it, or raises some goal's level above its previous level. The
 * first evaluation ever compares to nothing, so it is not progress by itself.
 */
export function progressSince(evaluations: readonly EvaluationFacts[], since: string): boolean {
  const sorted = [...evaluations].sort((a, b) => a.evaluatedOn.localeCompare(b.evaluatedOn));
  const lastLevel = new Map<string, number>();
  let lastT: number | null = null;
  for (const e of sorted) {
    const counts = e.evaluatedOn >= since;
    if (counts && e.tScore !== null && lastT !== null && e.tScore > lastT) return true;
    for (const s of e.scores) {
      const before = lastLevel.get(s.goalId);
      if (counts && before !== undefined && s.level > before) return true;
      lastLevel.set(s.goalId, s.level);
    }
    if (e.tScore !== null) lastT = e.tScore;
  }
  return false;
}

export interface IntensityPeriodInput {
  startsOn: string;
  endsOn: string | null;
  sessionsPerWeek: number;
  minutesPerWeek: number;
  maxDaysWithoutContact: number | null;
  note?: string | null | undefined;
}

type Problem = { field: string; message: { fr: string; en: string } };

/**
 * Problems with a set of periods for an episode: each within the episode (not before its start, not
 * after its end once ended), no two overlapping, only the last one open-ended. Fields are named as
 * the request sent them (body.periods.<index>.…).
 */
export function periodProblems(periods: readonly IntensityPeriodInput[], episode: { startedOn: string; endedOn: string | null }): Problem[] {
  const problems: Problem[] = [];
  periods.forEach((p, i) => {
    const field = `body.periods.${i}`;
    if (p.endsOn !== null && p.endsOn < p.startsOn) problems.push({ field: `${field}.endsOn`, message: { fr: 'La fin précède le début.', en: 'The end is before the start.' } });
    if (p.startsOn < episode.startedOn) problems.push({ field: `${field}.startsOn`, message: { fr: 'La période commence avant la prise en charge.', en: 'The period starts before the episode.' } });
    if (episode.endedOn !== null && (p.startsOn > episode.endedOn || p.endsOn === null || p.endsOn > episode.endedOn)) {
      problems.push({ field: `${field}.endsOn`, message: { fr: 'La période dépasse la fin de la prise en charge.', en: 'The period goes past the end of the episode.' } });
    }
  });
  const order = periods.map((p, i) => ({ p, i })).sort((a, b) => a.p.startsOn.localeCompare(b.p.startsOn));
  for (let k = 1; k < order.length; k++) {
    const before = order[k - 1]!;
    const after = order[k]!;
    if (before.p.endsOn === null || before.p.endsOn >= after.p.startsOn) {
      problems.push({ field: `body.periods.${after.i}.startsOn`, message: { fr: 'Cette période chevauche la précédente.', en: 'This period overlaps the previous one.' } });
    }
  }
  return problems;
}

/**
 * Where the plan steps up instead of down: each period whose sessions or minutes per week are
 * higher than an earlier period's. A warning for the team, never a refusal (a crisis may call for more).
 */
export function steppingUp(periods: readonly IntensityPeriodInput[]): { startsOn: string; higherThan: string }[] {
  const sorted = [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const warnings: { startsOn: string; higherThan: string }[] = [];
  sorted.forEach((p, i) => {
    const earlier = sorted.slice(0, i).find((e) => p.sessionsPerWeek > e.sessionsPerWeek || p.minutesPerWeek > e.minutesPerWeek);
    if (earlier) warnings.push({ startsOn: p.startsOn, higherThan: earlier.startsOn });
  });
  return warnings;
}

/**
 * The planned intensity of a week (Monday to Sunday): the period in force on its Monday, or else the
 * first one starting during the week. Null when no period covers it.
 */
export function plannedForWeek(periods: readonly IntensityPeriodInput[], weekStart: string): { sessions: number; minutes: number } | null {
  const sunday = addDays(weekStart, 6);
  const covering = periods
    .filter((p) => p.startsOn <= sunday && (p.endsOn === null || p.endsOn >= weekStart))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const found = covering.find((p) => p.startsOn <= weekStart) ?? covering[0];
  return found ? { sessions: found.sessionsPerWeek, minutes: found.minutesPerWeek } : null;
}
