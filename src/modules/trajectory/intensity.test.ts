import { describe, expect, it } from 'vitest';
import {
  defaultThresholds,
  isExcessWeek,
  leastSquaresSlope,
  periodProblems,
  plannedForWeek,
  progressSince,
  steppingUp,
  sustainedExcess,
  unplannedRise,
  type IntensityPeriodInput,
  type WeekFigures,
} from './intensity.js';

/** Consecutive weeks from a Monday, each given as [planned sessions, done sessions, unplanned contacts]. */
function weeks(firstMonday: string, figures: [number | null, number, number][]): WeekFigures[] {
  const start = Date.parse(`${firstMonday}T00:00:00Z`);
  return figures.map(([planned, done, unplanned], i) => ({
    weekStart: new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
    plannedSessions: planned,
    plannedMinutes: planned === null ? null : planned * 45,
    doneSessions: done,
    doneMinutes: done * 45,
    unplannedContacts: unplanned,
  }));
}

describe('an excess week', () => {
  it('exactly at the margin is not an excess; one session more is (planned 4, margin 25 %)', () => {
    expect(isExcessWeek(weeks('2027-01-04', [[4, 5, 0]])[0]!, 25)).toBe(false);
    expect(isExcessWeek(weeks('2027-01-04', [[4, 4, 1]])[0]!, 25)).toBe(false);
    expect(isExcessWeek(weeks('2027-01-04', [[4, 6, 0]])[0]!, 25)).toBe(true);
    expect(isExcessWeek(weeks('2027-01-04', [[4, 5, 1]])[0]!, 25)).toBe(true);
  });

  it('counts unplanned contacts with sessions, compares half sessions exactly, and has nothing to exceed without a plan', () => {
    // 1.5 planned, margin 0: 2 is an excess, 1.5 cannot happen, 1 is not.
    expect(isExcessWeek({ ...weeks('2027-01-04', [[null, 2, 0]])[0]!, plannedSessions: 1.5 }, 0)).toBe(true);
    expect(isExcessWeek({ ...weeks('2027-01-04', [[null, 1, 0]])[0]!, plannedSessions: 1.5 }, 0)).toBe(false);
    // 2.4 planned, margin 25 %: 3.0 is the margin exactly (2.4 × 1.25), not an excess.
    expect(isExcessWeek({ ...weeks('2027-01-04', [[null, 3, 0]])[0]!, plannedSessions: 2.4 }, 25)).toBe(false);
    expect(isExcessWeek(weeks('2027-01-04', [[null, 9, 9]])[0]!, 25)).toBe(false);
    // Nothing planned (aftercare by choice): any contact is above plan.
    expect(isExcessWeek(weeks('2027-01-04', [[0, 1, 0]])[0]!, 25)).toBe(true);
  });
});

describe('a sustained excess', () => {
  const thresholds = { ...defaultThresholds, excessMarginPercent: 25, excessWeeks: 3 };

  it('needs three excess weeks in a row: two are not enough', () => {
    expect(sustainedExcess(weeks('2027-01-04', [[2, 2, 0], [2, 3, 1], [2, 4, 0]]), thresholds)).toBeNull();
    const three = sustainedExcess(weeks('2027-01-04', [[2, 2, 0], [2, 3, 1], [2, 4, 0], [2, 3, 0]]), thresholds);
    expect(three).toMatchObject({ from: '2027-01-11', to: '2027-01-25' });
  });

  it('is broken by a week at the margin, by a week without a plan, and by a missing week', () => {
    expect(sustainedExcess(weeks('2027-01-04', [[4, 6, 0], [4, 5, 0], [4, 6, 0]]), thresholds)).toBeNull();
    expect(sustainedExcess(weeks('2027-01-04', [[2, 4, 0], [null, 4, 0], [2, 4, 0]]), thresholds)).toBeNull();
    const gap = weeks('2027-01-04', [[2, 4, 0], [2, 4, 0], [2, 4, 0], [2, 4, 0]]).filter((_, i) => i !== 2);
    expect(sustainedExcess(gap, thresholds)).toBeNull();
  });

  it('follows the structure: two weeks at a margin of 50 %', () => {
    const structure = { ...defaultThresholds, excessMarginPercent: 50, excessWeeks: 2 };
    expect(sustainedExcess(weeks('2027-01-04', [[2, 4, 0], [2, 4, 0]]), structure)).toMatchObject({ from: '2027-01-04', to: '2027-01-11' });
    expect(sustainedExcess(weeks('2027-01-04', [[2, 3, 0], [2, 4, 0]]), structure)).toBeNull();
  });
});

describe('unplanned contacts rising', () => {
  it('uses the least-squares slope and a higher last week: 1, 2, 2, 4 rises; 1, 4, 1, 1 and 3, 3, 3, 3 do not', () => {
    expect(leastSquaresSlope([1, 2, 2, 4])).toBeCloseTo(0.9, 5);
    expect(unplannedRise(weeks('2027-01-04', [[1, 1, 1], [1, 1, 2], [1, 1, 2], [1, 1, 4]]), 4)).toMatchObject({ from: '2027-01-04', to: '2027-01-25', counts: [1, 2, 2, 4], slope: 0.9 });
    expect(unplannedRise(weeks('2027-01-04', [[1, 1, 1], [1, 1, 4], [1, 1, 1], [1, 1, 1]]), 4)).toBeNull();
    expect(unplannedRise(weeks('2027-01-04', [[1, 1, 3], [1, 1, 3], [1, 1, 3], [1, 1, 3]]), 4)).toBeNull();
    // Rising overall but ending where it began is not a rise.
    expect(unplannedRise(weeks('2027-01-04', [[1, 1, 2], [1, 1, 3], [1, 1, 4], [1, 1, 2]]), 4)).toBeNull();
  });

  it('looks at the last M weeks only, and needs them all', () => {
    expect(unplannedRise(weeks('2027-01-04', [[1, 1, 5], [1, 1, 0], [1, 1, 1], [1, 1, 2]]), 3)).toMatchObject({ from: '2027-01-11', counts: [0, 1, 2] });
    expect(unplannedRise(weeks('2027-01-04', [[1, 1, 0], [1, 1, 1]]), 3)).toBeNull();
  });
});

describe('progress on the goals since a rise began', () => {
  const rise = '2027-02-01';
  it('is a higher T-score than the evaluation before, on or after the rise began', () => {
    const evaluations = [
      { evaluatedOn: '2027-01-10', tScore: 40, scores: [{ goalId: 'g1', level: -1 }] },
      { evaluatedOn: '2027-02-15', tScore: 45, scores: [{ goalId: 'g1', level: -1 }] },
    ];
    expect(progressSince(evaluations, rise)).toBe(true);
  });

  it('is a goal scored higher than before, even when the T-score is not', () => {
    const evaluations = [
      { evaluatedOn: '2027-01-10', tScore: 50, scores: [{ goalId: 'g1', level: -1 }, { goalId: 'g2', level: 1 }] },
      { evaluatedOn: '2027-02-15', tScore: 50, scores: [{ goalId: 'g1', level: 0 }, { goalId: 'g2', level: 0 }] },
    ];
    expect(progressSince(evaluations, rise)).toBe(true);
  });

  it('is not: no evaluation since, the same or lower scores since, or a first evaluation with nothing to compare', () => {
    const before = { evaluatedOn: '2027-01-10', tScore: 40, scores: [{ goalId: 'g1', level: -1 }] };
    expect(progressSince([before], rise)).toBe(false);
    expect(progressSince([before, { evaluatedOn: '2027-02-15', tScore: 38, scores: [{ goalId: 'g1', level: -2 }] }], rise)).toBe(false);
    expect(progressSince([{ evaluatedOn: '2027-02-15', tScore: 60, scores: [{ goalId: 'g1', level: 2 }] }], rise)).toBe(false);
    // Progress before the rise began does not count.
    expect(progressSince([before, { evaluatedOn: '2027-01-20', tScore: 55, scores: [{ goalId: 'g1', level: 1 }] }], rise)).toBe(false);
  });
});

describe('periods of intended intensity', () => {
  const episode = { startedOn: '2027-01-04', endedOn: null };
  const period = (startsOn: string, endsOn: string | null, sessionsPerWeek: number, minutesPerWeek = sessionsPerWeek * 45): IntensityPeriodInput => ({ startsOn, endsOn, sessionsPerWeek, minutesPerWeek, maxDaysWithoutContact: null });

  it('are refused field by field when they overlap, leave the episode or end before they start', () => {
    expect(periodProblems([period('2027-01-04', '2027-02-28', 3), period('2027-03-01', null, 2)], episode)).toEqual([]);
    expect(periodProblems([period('2027-01-04', '2027-03-01', 3), period('2027-03-01', null, 2)], episode).map((p) => p.field)).toEqual(['body.periods.1.startsOn']);
    expect(periodProblems([period('2027-03-01', null, 2), period('2027-01-04', null, 3)], episode).map((p) => p.field)).toEqual(['body.periods.0.startsOn']);
    expect(periodProblems([period('2027-01-01', '2026-12-01', 3)], episode).map((p) => p.field).sort()).toEqual(['body.periods.0.endsOn', 'body.periods.0.startsOn']);
    expect(periodProblems([period('2027-01-04', null, 3)], { startedOn: '2027-01-04', endedOn: '2027-06-30' }).map((p) => p.field)).toEqual(['body.periods.0.endsOn']);
  });

  it('warn (never refuse) where a later period asks for more than an earlier one', () => {
    expect(steppingUp([period('2027-01-04', '2027-02-28', 3), period('2027-03-01', '2027-04-30', 2), period('2027-05-01', null, 1)])).toEqual([]);
    expect(steppingUp([period('2027-01-04', '2027-02-28', 2), period('2027-03-01', '2027-04-30', 1), period('2027-05-01', null, 1, 120)])).toEqual([{ startsOn: '2027-05-01', higherThan: '2027-01-04' }]);
  });

  it('give a week the plan in force on its Monday, or the first one starting that week', () => {
    const plan = [period('2027-01-06', '2027-02-28', 3), period('2027-03-01', null, 1)];
    expect(plannedForWeek(plan, '2027-01-04')).toEqual({ sessions: 3, minutes: 135 });
    expect(plannedForWeek(plan, '2027-02-22')).toEqual({ sessions: 3, minutes: 135 });
    expect(plannedForWeek(plan, '2027-03-01')).toEqual({ sessions: 1, minutes: 45 });
    expect(plannedForWeek(plan, '2026-12-28')).toBeNull();
  });
});
