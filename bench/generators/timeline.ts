import type { Random } from '../lib/random.js';

export const dayMs = 86_400_000;

/** How far back the data set's history goes: the structure opened two years before the anchor. */
export const historyDays = 730;

// Activity by hour of the day (UTC; Paris is one or two hours ahead): office hours, a lunch dip.
const hourWeights = [0, 0, 0, 0, 0, 0.2, 1, 4, 8, 9, 8, 5, 6, 8, 9, 8, 6, 3, 1.5, 0.8, 0.4, 0.2, 0.1, 0];
const hourChoices = hourWeights.map((w, h) => [h, w] as const);

/** Activity by day of the week (0 = Sunday). */
export const weekdayFactor = [0.08, 1, 1, 1, 1, 0.95, 0.15];

/** A moment of the working day that starts at `dayStartMs` (00:00 UTC). */
export function workingTime(random: Random, dayStartMs: number): number {
  const hour = random.weighted(hourChoices);
  return dayStartMs + hour * 3_600_000 + Math.floor(random.next() * 3_600_000);
}

/** 00:00 UTC of the day holding `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / dayMs) * dayMs;
}
