import { useQuery } from '@tanstack/react-query';
import { api } from './client';

// The waitlist (src/modules/admissions/manage-waitlist.ts): read by referral:triage, changed by
// admission:decide. Discreet people come under their alias or initials (displayName).

export interface WaitlistEntry {
  id: string;
  serviceId: string;
  serviceName: string;
  personId: string;
  displayName: string;
  referralId: string;
  /** 1 high, 2 normal, 3 low. */
  priority: number;
  enteredAt: string;
  /** The list only holds people still waiting or with a place offered. */
  status: 'waiting' | 'offered' | 'admitted' | 'left';
  /** 1 is the first in line for the service. */
  position: number;
  offeredAt: string | null;
}

/** What an admission needs: the référent and coordinator, the start, and optionally the planned end and phase. */
export interface AdmissionDetails {
  referentId: string;
  /** The discipline the référent joins the care team in. */
  referentDisciplineId?: string | null;
  coordinatorId: string;
  startedOn: string;
  plannedEndOn: string | null;
  phaseCode: string | null;
}

/** The figures a capacity refusal (409 capacity_reached / capacity_exclusive) carries in details.capacity. */
export interface CapacitySnapshot {
  serviceActive: number;
  serviceLimit: number | null;
  referentActive: number | null;
  referentLimit: number | null;
  waitlistLength: number;
}

export type OfferResponse =
  | { response: 'accepted'; admission: AdmissionDetails; capacityOverrideReason?: string | null }
  | { response: 'declined'; note: string | null; stayOnWaitlist: boolean };

export const waitlistKey = ['waitlist'] as const;

/** Every service's waitlist, in order (service name, then priority and date of entry). */
export function useWaitlist() {
  return useQuery({ queryKey: waitlistKey, queryFn: () => api.get<WaitlistEntry[]>('/api/v1/waitlist') });
}

export function offerPlace(entryId: string) {
  return api.post<{ offerId: string }>(`/api/v1/waitlist/${entryId}/offer`);
}

export function respondToOffer(entryId: string, body: OfferResponse) {
  return api.post<{ decisionId: string | null; episodeId: string | null }>(`/api/v1/waitlist/${entryId}/response`, body);
}

export function leaveWaitlist(entryId: string, reason: string) {
  return api.post(`/api/v1/waitlist/${entryId}/leave`, { reason });
}
