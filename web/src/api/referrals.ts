import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';

// Referrals ("demandes"): recorded by referral:record (practitioners too), read and triaged by
// referral:triage. The lists the API accepts (src/modules/referrals/schema.ts), shown in words from i18n.
export const referralSources = ['partner', 'clinician', 'relative', 'self'] as const;
export type ReferralSource = (typeof referralSources)[number];
export const urgencies = ['routine', 'soon', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];
export const referralStatuses = ['new', 'admitted', 'waitlisted', 'refused', 'oriented', 'withdrawn'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
/** The inbox filter: "open" is what still waits for a decision. */
export const inboxFilters = ['open', 'admitted', 'waitlisted', 'refused', 'oriented', 'withdrawn', 'all'] as const;
export type InboxFilter = (typeof inboxFilters)[number];
export type ReferralChannel = 'staff' | 'public_form';

/** A line of the inbox: a discreet person already linked comes under their alias or initials. */
export interface ReferralInboxItem {
  id: string;
  displayName: string;
  personId: string | null;
  source: ReferralSource;
  channel: ReferralChannel;
  referrerName: string | null;
  partnerName: string | null;
  serviceId: string | null;
  serviceName: string | null;
  urgency: Urgency;
  consentToShare: boolean;
  status: ReferralStatus;
  receivedAt: string;
}

export interface ReferralInbox {
  items: ReferralInboxItem[];
  hasMore: boolean;
}

/** A referral as it was received. */
export interface Referral {
  id: string;
  /** "DEM-1A2B3C4D": what the team and the referrer quote. */
  reference: string;
  source: ReferralSource;
  channel: ReferralChannel;
  partnerId: string | null;
  partnerName: string | null;
  referrerName: string | null;
  referrerRole: string | null;
  referrerEmail: string | null;
  referrerPhone: string | null;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  personId: string | null;
  personDisplayName: string | null;
  serviceId: string | null;
  serviceName: string | null;
  reason: string;
  urgency: Urgency;
  consentToShare: boolean;
  status: ReferralStatus;
  receivedAt: string;
  recordedByName: string | null;
}

/** What recording a referral sends. */
export interface ReferralInput {
  source: ReferralSource;
  partnerId: string | null;
  referrerName: string | null;
  referrerRole: string | null;
  referrerEmail: string | null;
  referrerPhone: string | null;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  serviceId: string | null;
  reason: string;
  urgency: Urgency;
  consentToShare: boolean;
}

export type LinkPersonInput = { personId: string } | { createRecord: true; duplicatesAcknowledged?: boolean };

export const referralsKey = ['referrals'] as const;
export const referralKey = (id: string) => [...referralsKey, 'one', id] as const;

/** The inbox: urgent first, then the oldest (the server's order). */
export function useReferralInbox(filter: InboxFilter, serviceId: string, limit: number) {
  return useQuery({
    queryKey: [...referralsKey, 'inbox', { filter, serviceId, limit }],
    queryFn: () => {
      const query = new URLSearchParams({ status: filter, limit: String(limit) });
      if (serviceId) query.set('serviceId', serviceId);
      return api.get<ReferralInbox>(`/api/v1/referrals?${query.toString()}`);
    },
    placeholderData: keepPreviousData,
  });
}

export function useReferral(id: string) {
  return useQuery({ queryKey: referralKey(id), queryFn: () => api.get<Referral>(`/api/v1/referrals/${id}`) });
}

export function recordReferral(input: ReferralInput, idempotencyKey: string) {
  return api.postIdempotent<{ id: string }>('/api/v1/referrals', input, idempotencyKey);
}

/** Links the referral to an existing record of my teams, or opens a record from it (duplicate check first). */
export function linkReferralPerson(referralId: string, input: LinkPersonInput) {
  return api.post<{ personId: string }>(`/api/v1/referrals/${referralId}/person`, input);
}

export function withdrawReferral(referralId: string, note: string) {
  return api.post(`/api/v1/referrals/${referralId}/withdraw`, { note });
}

/** The reference the server gives a referral ("DEM-" and the end of its id), for a confirmation shown before reading it back. */
export function referralReference(id: string): string {
  return `DEM-${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
}
