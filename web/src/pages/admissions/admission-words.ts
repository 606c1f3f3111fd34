import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { CapacitySnapshot } from '../../api/waitlist';

/** A waitlist priority (1 high, 2 normal, 3 low) in words. */
export function usePriorityWord(): (priority: number) => string {
  const { t } = useTranslation();
  return (priority) => {
    if (priority <= 1) return t('admissions.priorities.high');
    if (priority === 2) return t('admissions.priorities.normal');
    return t('admissions.priorities.low');
  };
}

const dayMs = 86_400_000;

/** How long someone has been waiting, in words that stay readable: days, then weeks, then months. */
export function useWaitedFor(): (since: string) => string {
  const { t } = useTranslation();
  return (since: string) => {
    const days = Math.max(0, Math.floor((Date.now() - new Date(since).getTime()) / dayMs));
    if (days === 0) return t('admissions.waitlist.waitedToday');
    if (days < 14) return t('admissions.waitlist.waitedDays', { count: days });
    if (days < 61) return t('admissions.waitlist.waitedWeeks', { count: Math.floor(days / 7) });
    return t('admissions.waitlist.waitedMonths', { count: Math.floor(days / 30.44) });
  };
}

export interface CapacityRefusal {
  /** "exclusive": one person at a time; "service" or "referent": the limit that would be passed. */
  limit: 'exclusive' | 'service' | 'referent';
  capacity: CapacitySnapshot | null;
}

/** The capacity refusal an admission met (409 capacity_reached / capacity_exclusive), or null for any other error. */
export function capacityRefusal(error: unknown): CapacityRefusal | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.problem.details ?? {};
  const capacity = typeof details.capacity === 'object' && details.capacity !== null ? (details.capacity as CapacitySnapshot) : null;
  if (error.code === 'capacity_exclusive') return { limit: 'exclusive', capacity };
  if (error.code === 'capacity_reached') return { limit: details.limit === 'referent' ? 'referent' : 'service', capacity };
  return null;
}

/** The refusal in plain words, with the figures it was taken on when the server gave them. */
export function useCapacityRefusalText(): (refusal: CapacityRefusal, names: { service: string; referent: string }) => string[] {
  const { t } = useTranslation();
  return (refusal, names) => {
    const c = refusal.capacity;
    const lines: string[] = [];
    if (refusal.limit === 'exclusive') {
      lines.push(t('admissions.admit.exclusive', { service: names.service, referent: names.referent }));
    } else if (refusal.limit === 'referent' && c && c.referentActive !== null && c.referentLimit !== null) {
      lines.push(t('admissions.admit.fullReferent', { referent: names.referent, count: c.referentActive, limit: c.referentLimit }));
    } else if (refusal.limit === 'service' && c && c.serviceLimit !== null) {
      lines.push(t('admissions.admit.fullService', { service: names.service, count: c.serviceActive, limit: c.serviceLimit }));
    }
    if (c && c.waitlistLength > 0) lines.push(t('admissions.admit.waitingAlso', { count: c.waitlistLength }));
    return lines;
  };
}
