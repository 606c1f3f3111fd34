import { useQuery } from '@tanstack/react-query';
import { api } from './client';

// "What needs me today" (src/modules/home/read-my-day.ts).

export interface MyDay {
  today: string;
  appointments: { id: string; kind: string; status: string; startsAt: string; endsAt: string; title: string; personId: string | null; personLabel: string | null; modality: string; day: 'today' | 'tomorrow' }[];
  escalations: { id: string; severity: 'information' | 'concern' | 'urgent' | 'emergency'; status: string; personId: string; personLabel: string | null; request: string | null; raisedAt: string; acknowledgeBy: string; overdue: boolean; ageMinutes: number; assignedToMe: boolean }[];
  transitions: { id: string; episodeId: string; personId: string; personLabel: string | null; toPhase: string; plannedOn: string; overdue: boolean; itemsDone: number; itemsTotal: number }[];
  offersPending: { entryId: string; serviceName: string; offeredAt: string; personId: string; personLabel: string | null }[] | null;
  noContact: { episodeId: string; personId: string; personLabel: string | null; lastContactOn: string | null; daysWithoutContact: number; maxDays: number }[];
  reviewFlags: { id: string; episodeId: string; personId: string; personLabel: string | null; reason: string; raisedAt: string }[];
}

export const myDayKey = ['home', 'my-day'] as const;

/** Asked again every two minutes while the home page is open: escalations climb on their own. */
export function useMyDay(options: { enabled: boolean }) {
  return useQuery({ queryKey: myDayKey, queryFn: () => api.get<MyDay>('/api/v1/home'), enabled: options.enabled, refetchInterval: 120_000 });
}
