import { useQuery } from '@tanstack/react-query';
import { api } from './client';

// The autonomy trajectory of an episode (src/modules/trajectory/routes.ts): the intended intensity
// by period, planned against actual by week, and the review flags for the référent.

export interface IntensityPeriod {
  id: string;
  startsOn: string;
  endsOn: string | null;
  sessionsPerWeek: number;
  minutesPerWeek: number;
  maxDaysWithoutContact: number | null;
  note: string | null;
}

export interface IntensityPeriodInput {
  startsOn: string;
  endsOn: string | null;
  sessionsPerWeek: number;
  minutesPerWeek: number;
  maxDaysWithoutContact: number | null;
  note: string | null;
}

export interface SteppingUp {
  startsOn: string;
  higherThan: string;
}

export interface TrajectoryWeek {
  weekStart: string;
  plannedSessions: number | null;
  plannedMinutes: number | null;
  doneSessions: number;
  doneMinutes: number;
  unplannedContacts: number;
  actualSessions: number;
  excess: boolean;
  computedAt: string;
}

export type ReviewFlagReason = 'sustained_excess' | 'unplanned_rise_without_progress';

export interface ReviewFlag {
  id: string;
  reason: ReviewFlagReason;
  details: { from?: string; to?: string; counts?: number[]; marginPercent?: number };
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  note: string | null;
}

export interface Trajectory {
  episodeId: string;
  startedOn: string;
  endedOn: string | null;
  thresholds: { excessMarginPercent: number; excessWeeks: number; unplannedRiseWeeks: number };
  periods: IntensityPeriod[];
  warnings: SteppingUp[];
  weeks: TrajectoryWeek[];
  flags: ReviewFlag[];
}

export const trajectoryKey = (episodeId: string) => ['episode', episodeId, 'trajectory'] as const;

export function useTrajectory(episodeId: string) {
  return useQuery({ queryKey: trajectoryKey(episodeId), queryFn: () => api.get<Trajectory>(`/api/v1/episodes/${episodeId}/trajectory`) });
}

export function saveIntensityPeriods(episodeId: string, periods: IntensityPeriodInput[]) {
  return api.put<{ periods: IntensityPeriod[]; warnings: SteppingUp[] }>(`/api/v1/episodes/${episodeId}/trajectory/periods`, { periods });
}

export function measureTrajectory(episodeId: string) {
  return api.post<Trajectory>(`/api/v1/episodes/${episodeId}/trajectory/measure`);
}

export function acknowledgeReviewFlag(flagId: string, note: string) {
  return api.post<void>(`/api/v1/review-flags/${flagId}/acknowledge`, { note });
}
