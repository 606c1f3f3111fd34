import { useQuery } from '@tanstack/react-query';
import { api } from './client';

// Admission decisions on a referral (admission:decide), the capacity they are taken on, and the
// emergency numbers shown when a safety criterion fails. The lists come from
// src/modules/admissions/schema.ts.
export const decisionOutcomes = ['admit', 'waitlist', 'refuse', 'orient'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
export const orientationTargets = ['doctor', 'psychologist', 'cmp', 'emergency', 'other'] as const;
export type OrientationTarget = (typeof orientationTargets)[number];
export const waitlistPriorities = [1, 2, 3] as const;
export type LetterRecipient = 'person' | 'referrer';

/** The capacity figures a decision was taken on (or that a refused admission ran into). */
export interface CapacitySnapshot {
  serviceActive: number;
  serviceLimit: number | null;
  referentActive: number | null;
  referentLimit: number | null;
  waitlistLength: number;
}

/** The team's answer to one criterion, with the criterion's wording of that day. */
export interface CriterionAnswer {
  criterionId: string;
  kind: 'indication' | 'safety';
  label: string;
  met: boolean;
  note: string | null;
}

/** A decision as recorded: never edited; a correction is a later decision that supersedes it. */
export interface AdmissionDecision {
  id: string;
  /** "DEC-2026-1A2B3C". */
  reference: string;
  serviceId: string;
  serviceName: string;
  outcome: DecisionOutcome;
  reasons: string | null;
  orientationTo: OrientationTarget | null;
  orientationDetail: string | null;
  criteriaAnswers: CriterionAnswer[];
  safetyConcern: boolean;
  capacity: CapacitySnapshot;
  capacityOverrideReason: string | null;
  waitlistPriority: number | null;
  letterRecipient: LetterRecipient | null;
  supersedesId: string | null;
  inForce: boolean;
  decidedByName: string;
  decidedAt: string;
}

export interface AdmissionDetails {
  referentId: string;
  referentDisciplineId: string | null;
  coordinatorId: string;
  startedOn: string;
  plannedEndOn: string | null;
  phaseCode: string | null;
  members: { staffMemberId: string; disciplineId: string | null }[];
}

/** What deciding sends. */
export interface DecisionInput {
  referralId: string;
  serviceId: string;
  outcome: DecisionOutcome;
  criteriaAnswers: { criterionId: string; met: boolean; note: string | null }[];
  reasons: string | null;
  orientationTo: OrientationTarget | null;
  orientationDetail: string | null;
  waitlistPriority: number | null;
  letterRecipient: LetterRecipient | null;
  supersedesId: string | null;
  admission: AdmissionDetails | null;
  capacityOverrideReason: string | null;
}

export interface DecisionResult {
  id: string;
  episodeId: string | null;
  waitlistEntryId: string | null;
}

export interface EmergencyNumber {
  number: string;
  label: { fr: string; en: string };
}

export interface CapacityBoardService {
  id: string;
  name: string;
  serviceLimit: number | null;
  referentLimit: number | null;
  exclusive: boolean;
  active: number;
  overridden: number;
  free: number | null;
  plannedEnds: number;
  nextPlannedEnd: string | null;
  waiting: number;
  offered: number;
  newReferrals: number;
  /** Only the référents who follow someone in the service now. */
  referents: { staffMemberId: string; name: string; active: number; limit: number | null }[];
}

export interface CapacityBoard {
  horizonDays: number;
  services: CapacityBoardService[];
  referrers: { source: string; partnerId: string | null; partnerName: string | null; total: number; open: number; admitted: number; waitlisted: number; refused: number; oriented: number; withdrawn: number }[];
}

export const decisionsKey = (referralId: string) => ['referrals', 'one', referralId, 'decisions'] as const;
export const capacityBoardKey = ['capacity-board'] as const;

/** Every decision on a referral, oldest first. */
export function useReferralDecisions(referralId: string) {
  return useQuery({ queryKey: decisionsKey(referralId), queryFn: () => api.get<AdmissionDecision[]>(`/api/v1/referrals/${referralId}/decisions`) });
}

export function useEmergencyNumbers() {
  return useQuery({ queryKey: ['emergency-numbers'], queryFn: () => api.get<EmergencyNumber[]>('/api/v1/admissions/emergency-numbers'), staleTime: Infinity });
}

/** Caseloads, places and waitlists per service (counts only, no one named). */
export function useCapacityBoard(horizonDays = 30) {
  return useQuery({ queryKey: [...capacityBoardKey, horizonDays], queryFn: () => api.get<CapacityBoard>(`/api/v1/capacity-board?horizonDays=${horizonDays}`), staleTime: 10_000 });
}

export function decideAdmission(input: DecisionInput, idempotencyKey: string) {
  return api.postIdempotent<DecisionResult>('/api/v1/admission-decisions', input, idempotencyKey);
}

/** The refusal or orientation letter (PDF): a plain link, the session cookie goes with it. */
export function decisionLetterUrl(decisionId: string, locale: 'fr' | 'en'): string {
  return `/api/v1/admission-decisions/${decisionId}/letter?lang=${locale}`;
}

/** The capacity figures a 409 capacity_reached or capacity_exclusive carries (details.capacity), if any. */
export function capacityOf(details: Record<string, unknown> | undefined): CapacitySnapshot | null {
  const capacity = details?.capacity;
  if (typeof capacity !== 'object' || capacity === null || !('serviceActive' in capacity)) return null;
  return capacity as CapacitySnapshot;
}
