import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attainmentLevels, defaultInterGoalCorrelation, goalAttainmentTScore, isAttainmentLevel, type AttainmentLevel, type ScoredGoal } from './goal-attainment.js';

// T = 50 + 10·Σ(wᵢxᵢ) / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), ρ = 0.3 unless said otherwise.
const goals = (...levels: AttainmentLevel[]): ScoredGoal[] => levels.map((level) => ({ level }));

describe('goalAttainmentTScore: worked examples', () => {
  it('uses the conventional inter-goal correlation of 0.3', () => {
    expect(defaultInterGoalCorrelation).toBe(0.3);
  });

  it('has no score when no goal is scored (not the same as 50)', () => {
    expect(goalAttainmentTScore([])).toBeNull();
  });

  it('is 50 when every goal reaches the expected level', () => {
    expect(goalAttainmentTScore(goals(0))).toBe(50);
    expect(goalAttainmentTScore(goals(0, 0, 0))).toBe(50);
    expect(goalAttainmentTScore([{ level: 0, weight: 3 }, { level: 0, weight: 0.5 }])).toBe(50);
  });

  it('scores a single goal 10 points per level: the denominator is √(0.7·1 + 0.3·1) = 1', () => {
    expect(goalAttainmentTScore(goals(2))).toBe(70); // 50 + 10·2/1
    expect(goalAttainmentTScore(goals(1))).toBe(60);
    expect(goalAttainmentTScore(goals(-1))).toBe(40);
    expect(goalAttainmentTScore(goals(-2))).toBe(30);
  });

  it('is 50 for three unweighted goals at +1, 0, −1 (Σx = 0)', () => {
    expect(goalAttainmentTScore(goals(1, 0, -1))).toBe(50);
  });

  it('scores three goals all at −2 as 22.6 and all at +2 as 77.4', () => {
    // Σx = −6; denominator √(0.7·3 + 0.3·9) = √4.8 = 2.19089; 50 − 60/2.19089 = 50 − 27.386 = 22.614.
    expect(goalAttainmentTScore(goals(-2, -2, -2))).toBe(22.6);
    // Symmetric: 50 + 27.386 = 77.386.
    expect(goalAttainmentTScore(goals(2, 2, 2))).toBe(77.4);
  });

  it('scores two goals at +1 as 62.4 and four at +2, +1, 0, −1 as 57.3', () => {
    // Σx = 2; √(0.7·2 + 0.3·4) = √2.6 = 1.61245; 50 + 20/1.61245 = 62.403.
    expect(goalAttainmentTScore(goals(1, 1))).toBe(62.4);
    // Σx = 2; √(0.7·4 + 0.3·16) = √7.6 = 2.75681; 50 + 20/2.75681 = 57.255.
    expect(goalAttainmentTScore(goals(2, 1, 0, -1))).toBe(57.3);
  });

  it('weighs goals', () => {
    // (+2, w 2), (−1, w 1): Σwx = 4 − 1 = 3; Σw² = 5; (Σw)² = 9;
    // √(0.7·5 + 0.3·9) = √6.2 = 2.48998; 50 + 30/2.48998 = 62.048.
    expect(goalAttainmentTScore([{ level: 2, weight: 2 }, { level: -1, weight: 1 }])).toBe(62.0);
    // (+1, w 3), (0, w 1), (−2, w 1): Σwx = 3 − 2 = 1; Σw² = 11; (Σw)² = 25;
    // √(0.7·11 + 0.3·25) = √15.2 = 3.89872; 50 + 10/3.89872 = 52.565.
    expect(goalAttainmentTScore([{ level: 1, weight: 3 }, { level: 0 }, { level: -2, weight: 1 }])).toBe(52.6);
    // Unweighted, the same levels would give Σx = −1, √(0.7·3 + 0.3·9) = √4.8: 50 − 10/2.19089 = 45.4.
    expect(goalAttainmentTScore(goals(1, 0, -2))).toBe(45.4);
  });

  it('treats a missing weight as 1', () => {
    expect(goalAttainmentTScore([{ level: 2 }, { level: -1 }, { level: 1 }])).toBe(
      goalAttainmentTScore([{ level: 2, weight: 1 }, { level: -1, weight: 1 }, { level: 1, weight: 1 }]),
    );
  });

  it('takes another inter-goal correlation', () => {
    // ρ = 0, three at +1: 50 + 30/√3 = 50 + 17.3205 = 67.3.
    expect(goalAttainmentTScore(goals(1, 1, 1), 0)).toBe(67.3);
    // ρ = 0.5, two at −1: √(0.5·2 + 0.5·4) = √3; 50 − 20/1.73205 = 38.453.
    expect(goalAttainmentTScore(goals(-1, -1), 0.5)).toBe(38.5);
    // With ρ = 0.3 the same two goals give 50 − 20/√2.6 = 37.6.
    expect(goalAttainmentTScore(goals(-1, -1))).toBe(37.6);
  });
});

describe('goalAttainmentTScore: bad input', () => {
  it.each([3, -3, 0.5, Number.NaN, null, '1'])('refuses the level %s', (level) => {
    expect(() => goalAttainmentTScore([{ level: 0 }, { level: level as AttainmentLevel }])).toThrow(RangeError);
    expect(() => goalAttainmentTScore([{ level: 0 }, { level: level as AttainmentLevel }])).toThrow(/Goal 2: attainment level/);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, -0.5])('refuses the weight %s', (weight) => {
    expect(() => goalAttainmentTScore([{ level: 1, weight }])).toThrow(RangeError);
    expect(() => goalAttainmentTScore([{ level: 1, weight }])).toThrow(/weight must be a number above 0/);
  });

  it.each([1, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the inter-goal correlation %s', (rho) => {
    expect(() => goalAttainmentTScore(goals(1), rho)).toThrow(RangeError);
    expect(() => goalAttainmentTScore([], rho)).toThrow(/correlation/);
  });

  it('accepts the edges of the scale and ρ = 0', () => {
    expect(goalAttainmentTScore(goals(-2, 2), 0)).toBe(50);
  });
});

describe('isAttainmentLevel', () => {
  it('accepts the five levels and nothing else', () => {
    for (const level of [-2, -1, 0, 1, 2]) expect(isAttainmentLevel(level)).toBe(true);
    for (const value of [3, -3, 0.5, Number.NaN, '0', '1', null, undefined, {}, [1]]) expect(isAttainmentLevel(value)).toBe(false);
    expect(attainmentLevels).toEqual([-2, -1, 0, 1, 2]);
  });
});

describe('goalAttainmentTScore: properties', () => {
  const level = fc.constantFrom(...attainmentLevels);
  const weight = fc.double({ min: 0.01, max: 100, noNaN: true, noDefaultInfinity: true });
  const rho = fc.double({ min: 0, max: 0.99, noNaN: true });
  const scoredGoal = fc.record({ level, weight });

  it('is 50 when every goal is at the expected level, whatever the weights and ρ', () => {
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 20 }), rho, (weights, r) => {
        expect(goalAttainmentTScore(weights.map((w) => ({ level: 0, weight: w })), r)).toBe(50);
      }),
    );
  });

  it('is 50 when the levels are symmetric (each goal paired with its opposite at the same weight)', () => {
    fc.assert(
      fc.property(fc.array(scoredGoal, { minLength: 1, maxLength: 10 }), rho, (half, r) => {
        const mirrored = half.map((goal) => ({ level: -goal.level as AttainmentLevel, weight: goal.weight }));
        expect(goalAttainmentTScore([...half, ...mirrored], r)).toBe(50);
      }),
    );
  });

  it('mirrors around 50 when every level changes sign', () => {
    fc.assert(
      fc.property(fc.array(scoredGoal, { minLength: 1, maxLength: 20 }), (scored) => {
        const t = goalAttainmentTScore(scored) ?? Number.NaN;
        const mirrored = goalAttainmentTScore(scored.map((goal) => ({ level: -goal.level as AttainmentLevel, weight: goal.weight }))) ?? Number.NaN;
        expect(Math.abs(t - 50 - (50 - mirrored))).toBeLessThanOrEqual(0.1 + 1e-9);
      }),
    );
  });

  it('does not change when every weight is multiplied by the same factor (up to rounding)', () => {
    fc.assert(
      fc.property(fc.array(scoredGoal, { minLength: 1, maxLength: 20 }), fc.double({ min: 0.1, max: 10, noNaN: true }), (scored, factor) => {
        const t = goalAttainmentTScore(scored) ?? Number.NaN;
        const scaled = goalAttainmentTScore(scored.map((goal) => ({ level: goal.level, weight: goal.weight * factor }))) ?? Number.NaN;
        expect(Math.abs(t - scaled)).toBeLessThanOrEqual(0.1 + 1e-9);
      }),
    );
  });

  it('never falls when one goal moves up a level', () => {
    fc.assert(
      fc.property(fc.array(scoredGoal, { minLength: 1, maxLength: 20 }), fc.nat(), (scored, pick) => {
        const index = pick % scored.length;
        const goal = scored[index];
        if (!goal || goal.level === 2) return;
        const raised = scored.map((g, i) => (i === index ? { ...g, level: (g.level + 1) as AttainmentLevel } : g));
        expect(goalAttainmentTScore(raised)).toBeGreaterThanOrEqual(goalAttainmentTScore(scored) ?? Number.NaN);
      }),
    );
  });

  it('stays within 50 ± 20/√ρ (with ρ = 0.3: between 13.5 and 86.5)', () => {
    // |Σwx| ≤ 2·Σw and the denominator is at least √ρ·Σw.
    fc.assert(
      fc.property(fc.array(scoredGoal, { minLength: 1, maxLength: 50 }), (scored) => {
        const t = goalAttainmentTScore(scored) ?? Number.NaN;
        expect(t).toBeGreaterThanOrEqual(13.4);
        expect(t).toBeLessThanOrEqual(86.6);
      }),
    );
  });
});
