/**
 * Goal Attainment Scaling (Kiresuk & Sherman, 1968): each goal is scored on a five-level scale
 * described when the goal is set, and the scores of a plan sum up as one standard T-score.
 *
 *   −2  much less than expected
 *   −1  somewhat less than expected
 *    0  the expected level
 *   +1  somewhat more than expected
 *   +2  much more than expected
 *
 *   T = 50 + 10 · Σ(wᵢ·xᵢ) / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²)
 *
 * xᵢ is goal i's level, wᵢ its weight (1 unless the team weighs goals), and ρ the assumed correlation
 * between goals' scores, 0.3 by the authors' convention. T is 50 when every goal is met as expected,
 * and has a standard deviation of about 10 across people when the scales are well built.
 */

export type AttainmentLevel = -2 | -1 | 0 | 1 | 2;

export const attainmentLevels: readonly AttainmentLevel[] = [-2, -1, 0, 1, 2];

export interface ScoredGoal {
  level: AttainmentLevel;
  /** > 0, default 1. */
  weight?: number;
}

export const defaultInterGoalCorrelation = 0.3;

export function isAttainmentLevel(value: unknown): value is AttainmentLevel {
  return value === -2 || value === -1 || value === 0 || value === 1 || value === 2;
}

/**
 * The plan's T-score, rounded to one decimal; null when no goal is scored (an empty evaluation has
 * no score, which is not the same as 50). Throws a RangeError on a level outside −2..+2, a weight
 * that is not a finite number above 0, or ρ outside [0, 1) (at ρ = 1 a single goal would divide by
 * zero and the formula no longer describes independent goals).
 */
export function goalAttainmentTScore(goals: ScoredGoal[], rho: number = defaultInterGoalCorrelation): number | null {
  if (typeof rho !== 'number' || !Number.isFinite(rho) || rho < 0 || rho >= 1) {
    throw new RangeError(`The inter-goal correlation must be at least 0 and below 1: ${String(rho)}`);
  }
  if (goals.length === 0) return null;

  let weightedSum = 0;
  let weightSum = 0;
  let squaredWeightSum = 0;
  goals.forEach((goal, index) => {
    if (!isAttainmentLevel(goal.level)) {
      throw new RangeError(`Goal ${index + 1}: attainment level must be -2, -1, 0, 1 or 2: ${String(goal.level)}`);
    }
    const weight = goal.weight ?? 1;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`Goal ${index + 1}: weight must be a number above 0: ${String(weight)}`);
    }
    weightedSum += weight * goal.level;
    weightSum += weight;
    squaredWeightSum += weight * weight;
  });

  const t = 50 + (10 * weightedSum) / Math.sqrt((1 - rho) * squaredWeightSum + rho * weightSum * weightSum);
  // Rounded to a tenth, as reported. With ρ = 0 and many goals T can fall below 0; + 0 turns a -0 into 0.
  return Math.round(t * 10) / 10 + 0;
}
