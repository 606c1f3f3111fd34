import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  assertCalendarDay,
  daysBetween,
  defaultDeadlineSettings,
  episodeDeadlines,
  type Deadline,
  type DeadlineKind,
  type DeadlineSettings,
  type EpisodeFacts,
} from './deadlines.js';

function buildFacts(overrides: Partial<EpisodeFacts> = {}): EpisodeFacts {
  return {
    startedOn: '2026-03-02',
    endedOn: null,
    contractHandedOverOn: null,
    contractSignedOn: null,
    objectivesAgreedOn: null,
    planAgreedOn: [],
    situationChangedOn: [],
    ...overrides,
  };
}

function buildSettings(overrides: Partial<DeadlineSettings> = {}): DeadlineSettings {
  return { ...defaultDeadlineSettings, ...overrides };
}

function only(deadlines: Deadline[], kind: DeadlineKind): Deadline {
  const found = deadlines.filter((deadline) => deadline.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Deadline;
}

const invalidDays = ['2026-02-30', '2026-13-01', 'abc', '2025-02-29', '2100-02-29', '2026-00-10', '2026-04-31', '2026-1-5', ' 2026-01-05', '2026-01-05T00:00:00Z', '', '0000-01-01'];

describe('defaultDeadlineSettings', () => {
  it('follows CASF L311-4 and D311 and yearly reviews', () => {
    expect(defaultDeadlineSettings).toMatchObject({
      legalClock: true,
      contractHandoverDays: 15,
      contractSignatureMonths: 1,
      objectivesAnnexMonths: 6,
      planReviewMonths: 12,
      dueSoonDays: 14,
      situationReviewMonths: 1,
    });
  });
});

describe('addDays', () => {
  it('crosses month and year boundaries', () => {
    expect(addDays('2026-12-20', 15)).toBe('2027-01-04');
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-02', 15)).toBe('2026-03-17');
    expect(addDays('2027-01-04', -15)).toBe('2026-12-20');
    expect(addDays('2026-05-05', 0)).toBe('2026-05-05');
  });

  it('counts 29 February in leap years only', () => {
    expect(addDays('2024-02-20', 15)).toBe('2024-03-06');
    expect(addDays('2026-02-20', 15)).toBe('2026-03-07');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // a century not divisible by 400
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29'); // divisible by 400
  });

  it('refuses a fractional number of days', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-03-31', 6)).toBe('2026-09-30');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-30', 1)).toBe('2026-02-28');
  });

  it('keeps the day when the target month has it', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-02-28', 1)).toBe('2026-03-28'); // not the last day of March: the day is kept
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-07-31', 6)).toBe('2027-01-31');
  });

  it('moves a leap day to 28 February in the following years', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2027-02-28', 12)).toBe('2028-02-28');
    expect(addMonths('2024-02-29', 1)).toBe('2024-03-29');
  });

  it('goes back with negative months, and refuses fractions', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', 0)).toBe('2026-01-15');
    expect(() => addMonths('2026-01-15', 0.5)).toThrow(RangeError);
  });

  it('refuses to leave years 0001 to 9999', () => {
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts calendar days, negative backwards', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-12-20', '2027-01-04')).toBe(15);
    expect(daysBetween('2027-01-04', '2026-12-20')).toBe(-15);
    expect(daysBetween('2026-05-05', '2026-05-05')).toBe(0);
  });
});

describe('calendar days ignore the process time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('gives the same answers across the changes to and from summer time in Europe/Paris', () => {
    process.env.TZ = 'Europe/Paris';
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // clocks go forward on 29 March 2026
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2); // and back on 25 October 2026
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addMonths('2026-03-29', 7)).toBe('2026-10-29');
  });
});

describe('invalid dates', () => {
  it.each(invalidDays)('refuses %j with a RangeError naming it', (day) => {
    expect(() => addDays(day, 1)).toThrow(RangeError);
    expect(() => addMonths(day, 1)).toThrow(RangeError);
    expect(() => daysBetween(day, '2026-01-01')).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', day)).toThrow(RangeError);
    expect(() => assertCalendarDay(day)).toThrow(`Invalid date (expected a calendar date YYYY-MM-DD): ${JSON.stringify(day)}`);
  });

  it('names the fact that is wrong', () => {
    const today = '2026-04-01';
    expect(() => episodeDeadlines(buildFacts({ startedOn: '2026-02-30' }), defaultDeadlineSettings, today)).toThrow(/startedOn.*"2026-02-30"/);
    expect(() => episodeDeadlines(buildFacts({ endedOn: '2026-13-01' }), defaultDeadlineSettings, today)).toThrow(/endedOn/);
    expect(() => episodeDeadlines(buildFacts({ contractHandedOverOn: 'abc' }), defaultDeadlineSettings, today)).toThrow(/contractHandedOverOn/);
    expect(() => episodeDeadlines(buildFacts({ contractSignedOn: '2026-04-31' }), defaultDeadlineSettings, today)).toThrow(/contractSignedOn/);
    expect(() => episodeDeadlines(buildFacts({ objectivesAgreedOn: '2026-9-1' }), defaultDeadlineSettings, today)).toThrow(/objectivesAgreedOn/);
    expect(() => episodeDeadlines(buildFacts({ planAgreedOn: ['2026-03-10', '2026-02-30'] }), defaultDeadlineSettings, today)).toThrow(/planAgreedOn\[1\]/);
    expect(() => episodeDeadlines(buildFacts({ situationChangedOn: ['2026-13-01'] }), defaultDeadlineSettings, today)).toThrow(/situationChangedOn\[0\]/);
    expect(() => episodeDeadlines(buildFacts(), defaultDeadlineSettings, '2026-02-29')).toThrow(/today/);
    expect(() => episodeDeadlines(buildFacts({ startedOn: 'abc' }), defaultDeadlineSettings, today)).toThrow(RangeError);
  });

  it('refuses an episode that ends before it starts', () => {
    expect(() => episodeDeadlines(buildFacts({ startedOn: '2026-03-02', endedOn: '2026-03-01' }), defaultDeadlineSettings, '2026-04-01')).toThrow(RangeError);
  });

  it.each([
    { dueSoonDays: -1 },
    { contractHandoverDays: 1.5 },
    { contractSignatureMonths: Number.NaN },
    { objectivesAnnexMonths: -6 },
    { planReviewMonths: Number.POSITIVE_INFINITY },
    { situationReviewMonths: -1 },
  ])('refuses the settings %j', (overrides) => {
    expect(() => episodeDeadlines(buildFacts(), buildSettings(overrides), '2026-04-01')).toThrow(RangeError);
  });
});

describe('episodeDeadlines: the legal clock from admission', () => {
  it('lists handover, signature and annex for a new admission, sorted by due date', () => {
    // Admitted 31 January 2026: handover 15 February, signature clamped to 28 February, annex 31 July.
    const deadlines = episodeDeadlines(buildFacts({ startedOn: '2026-01-31' }), defaultDeadlineSettings, '2026-02-05');
    expect(deadlines).toEqual([
      { kind: 'contract_handover', dueOn: '2026-02-15', doneOn: null, status: 'due_soon', daysLeft: 10 },
      { kind: 'contract_signature', dueOn: '2026-02-28', doneOn: null, status: 'upcoming', daysLeft: 23 },
      { kind: 'objectives_annex', dueOn: '2026-07-31', doneOn: null, status: 'upcoming', daysLeft: 176 },
    ]);
  });

  it('crosses the year for an admission on 20 December', () => {
    const deadlines = episodeDeadlines(buildFacts({ startedOn: '2026-12-20' }), defaultDeadlineSettings, '2026-12-20');
    expect(deadlines.map((d) => [d.kind, d.dueOn])).toEqual([
      ['contract_handover', '2027-01-04'],
      ['contract_signature', '2027-01-20'],
      ['objectives_annex', '2027-06-20'],
    ]);
  });

  it('follows months of different lengths and leap years', () => {
    const due = (startedOn: string) =>
      Object.fromEntries(episodeDeadlines(buildFacts({ startedOn }), defaultDeadlineSettings, startedOn).map((d) => [d.kind, d.dueOn]));
    expect(due('2028-01-31')).toEqual({ contract_handover: '2028-02-15', contract_signature: '2028-02-29', objectives_annex: '2028-07-31' });
    expect(due('2026-03-31')).toEqual({ contract_handover: '2026-04-15', contract_signature: '2026-04-30', objectives_annex: '2026-09-30' });
    expect(due('2025-08-31')).toEqual({ contract_handover: '2025-09-15', contract_signature: '2025-09-30', objectives_annex: '2026-02-28' });
    expect(due('2027-08-31')).toEqual({ contract_handover: '2027-09-15', contract_signature: '2027-09-30', objectives_annex: '2028-02-29' });
    expect(due('2024-02-14')).toEqual({ contract_handover: '2024-02-29', contract_signature: '2024-03-14', objectives_annex: '2024-08-14' });
  });

  it('follows the structure\'s own delays', () => {
    const settings = buildSettings({ contractHandoverDays: 8, contractSignatureMonths: 2, objectivesAnnexMonths: 3 });
    const deadlines = episodeDeadlines(buildFacts({ startedOn: '2025-12-31' }), settings, '2026-01-01');
    expect(deadlines.map((d) => [d.kind, d.dueOn])).toEqual([
      ['contract_handover', '2026-01-08'],
      ['contract_signature', '2026-02-28'],
      ['objectives_annex', '2026-03-31'],
    ]);
  });

  it('orders deadlines due on the same day by kind', () => {
    // 1 February + 28 days = 1 March = 1 February + 1 month.
    const deadlines = episodeDeadlines(buildFacts({ startedOn: '2026-02-01' }), buildSettings({ contractHandoverDays: 28 }), '2026-02-01');
    expect(deadlines.map((d) => [d.kind, d.dueOn])).toEqual([
      ['contract_handover', '2026-03-01'],
      ['contract_signature', '2026-03-01'],
      ['objectives_annex', '2026-08-01'],
    ]);
  });
});

describe('episodeDeadlines: statuses', () => {
  // Admitted 2 March 2026: the contract is handed over by 17 March.
  const handover = (today: string, facts: Partial<EpisodeFacts> = {}) =>
    only(episodeDeadlines(buildFacts(facts), defaultDeadlineSettings, today), 'contract_handover');

  it('is upcoming 15 days ahead and due soon from 14 days ahead', () => {
    expect(handover('2026-03-02')).toMatchObject({ dueOn: '2026-03-17', status: 'upcoming', daysLeft: 15 });
    expect(handover('2026-03-03')).toMatchObject({ status: 'due_soon', daysLeft: 14 });
  });

  it('is due soon on the day itself and overdue the day after, with negative days left', () => {
    expect(handover('2026-03-17')).toMatchObject({ status: 'due_soon', daysLeft: 0 });
    expect(handover('2026-03-18')).toMatchObject({ status: 'overdue', daysLeft: -1 });
    expect(handover('2026-04-17')).toMatchObject({ status: 'overdue', daysLeft: -31 });
  });

  it('follows the due-soon window of the settings', () => {
    const deadline = only(episodeDeadlines(buildFacts(), buildSettings({ dueSoonDays: 0 }), '2026-03-16'), 'contract_handover');
    expect(deadline).toMatchObject({ status: 'upcoming', daysLeft: 1 });
  });

  it('is done when done by the due date, and done late after it, with no days left', () => {
    expect(handover('2026-04-20', { contractHandedOverOn: '2026-03-17' })).toEqual({
      kind: 'contract_handover', dueOn: '2026-03-17', doneOn: '2026-03-17', status: 'done', daysLeft: null,
    });
    expect(handover('2026-04-20', { contractHandedOverOn: '2026-03-02' })).toMatchObject({ status: 'done', daysLeft: null });
    expect(handover('2026-04-20', { contractHandedOverOn: '2026-03-18' })).toMatchObject({ doneOn: '2026-03-18', status: 'done_late', daysLeft: null });
  });

  it('counts a signed contract as handed over on its signature day when no handover date was kept', () => {
    const deadlines = episodeDeadlines(buildFacts({ contractSignedOn: '2026-03-20' }), defaultDeadlineSettings, '2026-04-20');
    expect(only(deadlines, 'contract_handover')).toMatchObject({ doneOn: '2026-03-20', status: 'done_late' });
    expect(only(deadlines, 'contract_signature')).toMatchObject({ dueOn: '2026-04-02', doneOn: '2026-03-20', status: 'done' });
  });

  it('walks a whole first year: done, done late, done, and the next review upcoming', () => {
    const facts = buildFacts({
      startedOn: '2025-03-31',
      contractHandedOverOn: '2025-04-10',
      contractSignedOn: '2025-05-05',
      objectivesAgreedOn: '2025-09-15',
      planAgreedOn: ['2026-01-10', '2025-09-15'],
    });
    expect(episodeDeadlines(facts, defaultDeadlineSettings, '2026-06-01')).toEqual([
      { kind: 'contract_handover', dueOn: '2025-04-15', doneOn: '2025-04-10', status: 'done', daysLeft: null },
      { kind: 'contract_signature', dueOn: '2025-04-30', doneOn: '2025-05-05', status: 'done_late', daysLeft: null },
      { kind: 'objectives_annex', dueOn: '2025-09-30', doneOn: '2025-09-15', status: 'done', daysLeft: null },
      { kind: 'plan_review', dueOn: '2027-01-10', doneOn: null, status: 'upcoming', daysLeft: 223 },
    ]);
  });
});

describe('episodeDeadlines: plan reviews', () => {
  it('asks for no review before any plan is agreed: the objectives annex is what is due', () => {
    const deadlines = episodeDeadlines(buildFacts(), defaultDeadlineSettings, '2026-12-01');
    expect(deadlines.map((d) => d.kind)).toEqual(['contract_handover', 'contract_signature', 'objectives_annex']);
    expect(only(deadlines, 'objectives_annex')).toMatchObject({ dueOn: '2026-09-02', status: 'overdue', daysLeft: -90 });
  });

  it('reviews a year after the latest agreement, whatever the order given', () => {
    const facts = buildFacts({ objectivesAgreedOn: '2026-05-04', planAgreedOn: ['2027-02-01', '2026-05-04', '2026-11-20'] });
    expect(only(episodeDeadlines(facts, defaultDeadlineSettings, '2027-03-01'), 'plan_review')).toEqual({
      kind: 'plan_review', dueOn: '2028-02-01', doneOn: null, status: 'upcoming', daysLeft: 337,
    });
  });

  it('moves a leap-day agreement to 28 February the next year', () => {
    const facts = buildFacts({ startedOn: '2024-01-10', objectivesAgreedOn: '2024-02-29', planAgreedOn: ['2024-02-29'] });
    expect(only(episodeDeadlines(facts, defaultDeadlineSettings, '2025-02-14'), 'plan_review')).toMatchObject({
      dueOn: '2025-02-28', status: 'due_soon', daysLeft: 14,
    });
    expect(only(episodeDeadlines(facts, defaultDeadlineSettings, '2025-03-01'), 'plan_review')).toMatchObject({ status: 'overdue', daysLeft: -1 });
  });

  it('counts the objectives agreement as a plan agreement even when the list omits it', () => {
    const facts = buildFacts({ objectivesAgreedOn: '2026-06-15', planAgreedOn: [] });
    expect(only(episodeDeadlines(facts, defaultDeadlineSettings, '2026-07-01'), 'plan_review')).toMatchObject({ dueOn: '2027-06-15' });
  });

  it('follows a shorter review period', () => {
    const facts = buildFacts({ planAgreedOn: ['2026-08-31'] });
    expect(only(episodeDeadlines(facts, buildSettings({ planReviewMonths: 6 }), '2026-09-01'), 'plan_review')).toMatchObject({ dueOn: '2027-02-28' });
  });
});

describe('episodeDeadlines: changes of situation', () => {
  const facts = buildFacts({
    startedOn: '2025-03-31',
    contractHandedOverOn: '2025-04-10',
    contractSignedOn: '2025-04-20',
    objectivesAgreedOn: '2025-09-15',
    planAgreedOn: ['2025-09-15', '2026-01-10'],
  });
  const reviews = (situationChangedOn: string[], today = '2026-06-20', settings = defaultDeadlineSettings) =>
    episodeDeadlines({ ...facts, situationChangedOn }, settings, today).filter((d) => d.kind === 'situation_review');

  it('asks for a review within a month of a change after the latest agreement', () => {
    expect(reviews(['2026-05-31'])).toEqual([{ kind: 'situation_review', dueOn: '2026-06-30', doneOn: null, status: 'due_soon', daysLeft: 10 }]);
    expect(reviews(['2026-05-31'], '2026-07-01')).toMatchObject([{ status: 'overdue', daysLeft: -1 }]);
    expect(reviews(['2026-01-31'], '2026-01-31')).toMatchObject([{ dueOn: '2026-02-28', status: 'upcoming', daysLeft: 28 }]);
  });

  it('marks a change between two agreements done by the next agreement, late if over a month later', () => {
    expect(reviews(['2025-12-20'])).toEqual([{ kind: 'situation_review', dueOn: '2026-01-20', doneOn: '2026-01-10', status: 'done', daysLeft: null }]);
    expect(reviews(['2025-12-01'])).toEqual([{ kind: 'situation_review', dueOn: '2026-01-01', doneOn: '2026-01-10', status: 'done_late', daysLeft: null }]);
  });

  it('counts an agreement on the day of the change as the review', () => {
    expect(reviews(['2026-01-10'])).toMatchObject([{ dueOn: '2026-02-10', doneOn: '2026-01-10', status: 'done' }]);
  });

  it('asks nothing for a change recorded before the first agreement: the plan being built takes it in', () => {
    expect(reviews(['2025-06-01', '2025-09-14'])).toEqual([]);
    expect(reviews(['2026-03-01'], '2026-03-01', defaultDeadlineSettings).length).toBe(1);
    const noPlanYet = episodeDeadlines(buildFacts({ situationChangedOn: ['2026-03-20'] }), defaultDeadlineSettings, '2026-04-01');
    expect(noPlanYet.map((d) => d.kind)).not.toContain('situation_review');
  });

  it('lists one review per change, same-day records once, sorted among the other deadlines', () => {
    const deadlines = episodeDeadlines({ ...facts, situationChangedOn: ['2026-05-31', '2025-12-01', '2026-05-31', '2026-03-15'] }, defaultDeadlineSettings, '2026-06-20');
    expect(deadlines.map((d) => [d.kind, d.dueOn, d.status])).toEqual([
      ['contract_handover', '2025-04-15', 'done'],
      ['contract_signature', '2025-04-30', 'done'],
      ['objectives_annex', '2025-09-30', 'done'],
      ['situation_review', '2026-01-01', 'done_late'],
      ['situation_review', '2026-04-15', 'overdue'],
      ['situation_review', '2026-06-30', 'due_soon'],
      ['plan_review', '2027-01-10', 'upcoming'],
    ]);
  });

  it('closes every open change with the next agreement', () => {
    const later = episodeDeadlines(
      { ...facts, planAgreedOn: [...facts.planAgreedOn, '2026-06-25'], situationChangedOn: ['2026-03-15', '2026-05-31'] },
      defaultDeadlineSettings,
      '2026-07-01',
    );
    expect(later.filter((d) => d.kind === 'situation_review')).toMatchObject([
      { dueOn: '2026-04-15', doneOn: '2026-06-25', status: 'done_late' },
      { dueOn: '2026-06-30', doneOn: '2026-06-25', status: 'done' },
    ]);
    expect(only(later, 'plan_review')).toMatchObject({ dueOn: '2027-06-25' });
  });

  it('follows the review period of the settings, and one month when the setting is absent', () => {
    expect(reviews(['2026-05-31'], '2026-06-20', buildSettings({ situationReviewMonths: 2 }))).toMatchObject([{ dueOn: '2026-07-31' }]);
    const { situationReviewMonths: _omitted, ...withoutIt } = defaultDeadlineSettings;
    expect(reviews(['2026-05-31'], '2026-06-20', withoutIt)).toMatchObject([{ dueOn: '2026-06-30' }]);
  });
});

describe('episodeDeadlines: ended episodes', () => {
  it('keeps what fell due before the end, overdue if not done, and drops what falls after', () => {
    const facts = buildFacts({ startedOn: '2026-01-10', endedOn: '2026-03-01' });
    expect(episodeDeadlines(facts, defaultDeadlineSettings, '2026-05-01')).toEqual([
      { kind: 'contract_handover', dueOn: '2026-01-25', doneOn: null, status: 'overdue', daysLeft: -96 },
      { kind: 'contract_signature', dueOn: '2026-02-10', doneOn: null, status: 'overdue', daysLeft: -80 },
    ]);
  });

  it('keeps a deadline due on the end day itself', () => {
    const facts = buildFacts({ startedOn: '2026-01-10', endedOn: '2026-02-10', contractHandedOverOn: '2026-01-12', contractSignedOn: '2026-02-10' });
    expect(episodeDeadlines(facts, defaultDeadlineSettings, '2026-05-01').map((d) => [d.kind, d.status])).toEqual([
      ['contract_handover', 'done'],
      ['contract_signature', 'done'],
    ]);
  });

  it('drops the review and the changes of situation due after the end', () => {
    const facts = buildFacts({
      startedOn: '2025-01-06',
      endedOn: '2026-02-15',
      contractHandedOverOn: '2025-01-10',
      contractSignedOn: '2025-01-20',
      objectivesAgreedOn: '2025-05-01',
      planAgreedOn: ['2025-05-01'],
      situationChangedOn: ['2025-12-01', '2026-02-01'],
    });
    expect(episodeDeadlines(facts, defaultDeadlineSettings, '2026-03-01').map((d) => [d.kind, d.dueOn, d.status])).toEqual([
      ['contract_handover', '2025-01-21', 'done'],
      ['contract_signature', '2025-02-06', 'done'],
      ['objectives_annex', '2025-07-06', 'done'],
      ['situation_review', '2026-01-01', 'overdue'],
    ]);
  });

  it('with an end date still ahead, counts as usual up to it', () => {
    const facts = buildFacts({ startedOn: '2026-01-10', endedOn: '2026-04-30' });
    expect(episodeDeadlines(facts, defaultDeadlineSettings, '2026-01-20').map((d) => [d.kind, d.status, d.daysLeft])).toEqual([
      ['contract_handover', 'due_soon', 5],
      ['contract_signature', 'upcoming', 21],
    ]);
  });
});

describe('episodeDeadlines: legal clock off (independent practitioner)', () => {
  const settings = buildSettings({ legalClock: false });

  it('computes nothing before a plan is agreed', () => {
    expect(episodeDeadlines(buildFacts({ situationChangedOn: ['2026-03-05'] }), settings, '2027-01-01')).toEqual([]);
  });

  it('computes only plan reviews and reviews after changes of situation', () => {
    const facts = buildFacts({
      startedOn: '2024-01-10',
      objectivesAgreedOn: '2024-02-29',
      planAgreedOn: ['2024-02-29'],
      situationChangedOn: ['2024-10-31'],
    });
    expect(episodeDeadlines(facts, settings, '2024-11-20')).toEqual([
      { kind: 'situation_review', dueOn: '2024-11-30', doneOn: null, status: 'due_soon', daysLeft: 10 },
      { kind: 'plan_review', dueOn: '2025-02-28', doneOn: null, status: 'upcoming', daysLeft: 100 },
    ]);
  });
});

describe('properties', () => {
  // Any day from 1900 to 2099 (2000-01-01 ± about a century).
  const day = fc.integer({ min: -36_524, max: 36_524 }).map((k) => addDays('2000-01-01', k));
  const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lastDay = (year: number, month: number) => [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  const parts = (d: string) => d.split('-').map(Number) as [number, number, number];

  it('daysBetween(d, addDays(d, k)) === k', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -5000, max: 5000 }), (d, k) => {
        expect(daysBetween(d, addDays(d, k))).toBe(k);
        expect(addDays(addDays(d, k), -k)).toBe(d);
      }),
    );
  });

  it('addMonths(d, n) lands in the n-th month after, never overflowing into the next, keeping the day when it can', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -240, max: 240 }), (d, n) => {
        const [year, month, date] = parts(d);
        const [resultYear, resultMonth, resultDate] = parts(addMonths(d, n));
        expect(resultYear * 12 + resultMonth - (year * 12 + month)).toBe(n);
        expect(resultDate).toBe(Math.min(date, lastDay(resultYear, resultMonth)));
      }),
    );
  });

  it('addMonths never goes backwards and moves at most 31 days per month', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 120 }), (d, n) => {
        const gap = daysBetween(d, addMonths(d, n));
        expect(gap).toBeGreaterThanOrEqual(n * 28 - 3);
        expect(gap).toBeLessThanOrEqual(n * 31);
      }),
    );
  });

  const maybeDay = fc.option(day, { nil: null });
  const facts = fc.record({
    startedOn: day,
    endedOn: maybeDay,
    contractHandedOverOn: maybeDay,
    contractSignedOn: maybeDay,
    objectivesAgreedOn: maybeDay,
    planAgreedOn: fc.array(day, { maxLength: 4 }),
    situationChangedOn: fc.array(day, { maxLength: 4 }),
  }).filter((f) => f.endedOn === null || f.endedOn >= f.startedOn);

  it('returns deadlines sorted, consistent in status, within the episode, and legal only with the legal clock', () => {
    fc.assert(
      fc.property(facts, day, fc.boolean(), fc.integer({ min: 0, max: 30 }), (f, today, legalClock, dueSoonDays) => {
        const settings = buildSettings({ legalClock, dueSoonDays });
        const deadlines = episodeDeadlines(f, settings, today);
        for (let i = 1; i < deadlines.length; i += 1) {
          expect((deadlines[i - 1] as Deadline).dueOn <= (deadlines[i] as Deadline).dueOn).toBe(true);
        }
        for (const d of deadlines) {
          if (f.endedOn !== null) expect(d.dueOn <= f.endedOn).toBe(true);
          if (!legalClock) expect(['plan_review', 'situation_review']).toContain(d.kind);
          if (d.doneOn !== null) {
            expect(d.daysLeft).toBeNull();
            expect(d.status).toBe(d.doneOn <= d.dueOn ? 'done' : 'done_late');
          } else {
            expect(d.daysLeft).toBe(daysBetween(today, d.dueOn));
            const left = d.daysLeft ?? 0;
            expect(d.status).toBe(left < 0 ? 'overdue' : left <= dueSoonDays ? 'due_soon' : 'upcoming');
          }
        }
        expect(deadlines.filter((d) => d.kind === 'plan_review').length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
