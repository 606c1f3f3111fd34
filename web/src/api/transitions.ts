import { useQuery } from '@tanstack/react-query';
import { api } from './client';

// Transitions between the phases of a service's pathway (src/modules/transitions/routes.ts): the
// structure's checklists per phase, an episode's planned transition with its checklist, and the
// person's pathway as a timeline.

export interface ChecklistItem {
  id: string;
  label: string;
}

export interface ServiceChecklists {
  serviceId: string;
  checklists: { toPhase: string; phaseLabel: string; items: ChecklistItem[]; updatedAt: string | null }[];
}

export type TransitionStatus = 'planned' | 'completed' | 'cancelled';

export interface TransitionItem {
  itemId: string;
  label: string;
  done: boolean;
  doneAt: string | null;
  doneByName: string | null;
  note: string | null;
}

export interface Transition {
  id: string;
  episodeId: string;
  personId: string;
  fromPhase: string | null;
  fromLabel: string | null;
  toPhase: string;
  toLabel: string;
  plannedOn: string;
  responsibleId: string;
  responsibleName: string;
  handoffNote: string | null;
  status: TransitionStatus;
  createdByName: string;
  createdAt: string;
  completedAt: string | null;
  cancelledReason: string | null;
  items: TransitionItem[];
}

export interface EpisodeTransitions {
  currentPhase: string | null;
  phases: { code: string; label: string }[];
  ended: boolean;
  /** The planned one first, then the history. */
  transitions: Transition[];
}

export type PathwayEventKind = 'admitted' | 'phase_changed' | 'transition_planned' | 'transition_cancelled' | 'ended';

export interface PathwayEvent {
  kind: PathwayEventKind;
  on: string;
  episodeId: string;
  serviceName: string;
  fromLabel: string | null;
  toLabel: string | null;
  note: string | null;
  byName: string | null;
  transition: Pick<Transition, 'id' | 'status' | 'responsibleName' | 'plannedOn' | 'cancelledReason' | 'items'> | null;
}

export const checklistsKey = (serviceId: string) => ['transition-checklists', serviceId] as const;
export const episodeTransitionsKey = (episodeId: string) => ['episode', episodeId, 'transitions'] as const;
export const pathwayKey = (personId: string) => ['person', personId, 'pathway'] as const;

export function useServiceChecklists(serviceId: string) {
  return useQuery({ queryKey: checklistsKey(serviceId), queryFn: () => api.get<ServiceChecklists>(`/api/v1/services/${serviceId}/transition-checklists`) });
}

export function saveServiceChecklists(serviceId: string, checklists: { toPhase: string; items: { id?: string; label: string }[] }[]) {
  return api.put<ServiceChecklists>(`/api/v1/services/${serviceId}/transition-checklists`, { checklists });
}

export function useEpisodeTransitions(episodeId: string) {
  return useQuery({ queryKey: episodeTransitionsKey(episodeId), queryFn: () => api.get<EpisodeTransitions>(`/api/v1/episodes/${episodeId}/transitions`) });
}

export interface PlanTransitionInput {
  toPhase: string;
  plannedOn: string;
  responsibleId: string;
  handoffNote: string | null;
}

export function planTransition(episodeId: string, input: PlanTransitionInput, idempotencyKey: string) {
  return api.postIdempotent<{ id: string }>(`/api/v1/episodes/${episodeId}/transitions`, input, idempotencyKey);
}

export function setTransitionItem(transitionId: string, itemId: string, input: { done: boolean; note?: string | null }) {
  return api.put<void>(`/api/v1/transitions/${transitionId}/items/${itemId}`, input);
}

export function completeTransition(transitionId: string) {
  return api.post<void>(`/api/v1/transitions/${transitionId}/complete`);
}

export function cancelTransition(transitionId: string, reason: string) {
  return api.post<void>(`/api/v1/transitions/${transitionId}/cancel`, { reason });
}

export function usePathway(personId: string) {
  return useQuery({ queryKey: pathwayKey(personId), queryFn: () => api.get<{ events: PathwayEvent[] }>(`/api/v1/people/${personId}/pathway`) });
}
