import { useQuery } from '@tanstack/react-query';
import { api } from './client';

// The capacity board (GET /api/v1/capacity-board, src/modules/admissions/read-capacity-board.ts):
// counts only, no person named. Read by the roles that triage (referral:triage).

export interface CapacityReferent {
  staffMemberId: string;
  name: string;
  active: number;
  /** 1 for a "one person at a time" service; null: no limit. */
  limit: number | null;
}

export interface CapacityService {
  id: string;
  name: string;
  serviceLimit: number | null;
  referentLimit: number | null;
  exclusive: boolean;
  active: number;
  /** Active episodes admitted beyond a limit, with a supervisor's written reason. */
  overridden: number;
  /** null when the service has no limit. */
  free: number | null;
  plannedEnds: number;
  nextPlannedEnd: string | null;
  waiting: number;
  offered: number;
  newReferrals: number;
  referents: CapacityReferent[];
}

export const referralSources = ['partner', 'clinician', 'relative', 'self'] as const;
export type ReferralSource = (typeof referralSources)[number];

/** One referrer's requests of the last twelve months, by where they stand. */
export interface CapacityReferrer {
  source: ReferralSource;
  partnerId: string | null;
  partnerName: string | null;
  total: number;
  open: number;
  admitted: number;
  waitlisted: number;
  refused: number;
  oriented: number;
  withdrawn: number;
}

export interface CapacityBoard {
  horizonDays: number;
  services: CapacityService[];
  referrers: CapacityReferrer[];
}

export const capacityBoardKey = ['capacity-board'] as const;

/** The board, with planned ends counted within `horizonDays` days from today. */
export function useCapacityBoard(horizonDays: number) {
  return useQuery({
    queryKey: [...capacityBoardKey, horizonDays],
    queryFn: () => api.get<CapacityBoard>(`/api/v1/capacity-board?horizonDays=${horizonDays}`),
  });
}
