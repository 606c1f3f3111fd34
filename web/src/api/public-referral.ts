import { useQuery } from '@tanstack/react-query';
import { api } from './client';

// The public self-referral form (no account): /api/public/structures/:organizationId/…
// (src/modules/referrals/submit-self-referral.ts).

export const urgencies = ['routine', 'soon', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];

export interface PublicReferralForm {
  organizationName: string;
  services: { id: string; name: string; kind: string; description: string | null }[];
}

export interface SelfReferralInput {
  /** Made once per form: a retry after a network failure is stored once. */
  submissionId: string;
  forWhom: 'self' | 'relative';
  firstName: string;
  lastName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  submitterName: string | null;
  submitterRelationship: string | null;
  submitterEmail: string | null;
  submitterPhone: string | null;
  serviceId: string | null;
  reason: string;
  urgency: Urgency;
  consentToShare: boolean;
  /** The field people never see: only robots fill it. */
  website: string;
}

export function usePublicReferralForm(organizationId: string) {
  return useQuery({
    queryKey: ['public-referral-form', organizationId],
    queryFn: () => api.get<PublicReferralForm>(`/api/public/structures/${organizationId}/referral-form`),
    staleTime: 5 * 60_000,
  });
}

export function submitSelfReferral(organizationId: string, input: SelfReferralInput) {
  return api.post<{ reference: string }>(`/api/public/structures/${organizationId}/referrals`, input);
}

/**
 * A random id for the submission. crypto.randomUUID exists only on secure pages (https, localhost);
 * a structure's own server reached over plain http on its network still gets a valid v4 UUID.
 */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
