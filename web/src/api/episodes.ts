import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { DirectoryEntry } from './types';
import type { CapacitySnapshot } from './waitlist';

// A person's episodes ("prises en charge", src/modules/admissions/manage-episode.ts): read by the
// person's care team (person:read), changed by episode:manage on the care team.

export const episodeEndReasons = ['goals_reached', 'person_choice', 'orientation', 'moved', 'no_contact', 'deceased', 'other'] as const;
export type EpisodeEndReason = (typeof episodeEndReasons)[number];

export interface EpisodePhase {
  code: string;
  label: string;
}

export interface PhaseChange {
  fromPhase: string | null;
  fromLabel: string | null;
  toPhase: string;
  toLabel: string | null;
  effectiveOn: string;
  note: string | null;
  changedByName: string;
  changedAt: string;
}

export interface Episode {
  id: string;
  serviceId: string;
  serviceName: string;
  /** The service's pathway, as it stands now. */
  phases: EpisodePhase[];
  referentId: string;
  referentName: string;
  coordinatorId: string;
  coordinatorName: string;
  phaseCode: string | null;
  phaseLabel: string | null;
  startedOn: string;
  plannedEndOn: string | null;
  endedOn: string | null;
  endReason: EpisodeEndReason | null;
  aftercareNote: string | null;
  capacityOverrideReason: string | null;
  admission: { decidedAt: string; decidedByName: string; capacity: CapacitySnapshot };
  phaseChanges: PhaseChange[];
}

/** Under the person's key: whatever refreshes the record refreshes its episodes too. */
export const episodesKey = (personId: string) => ['person', personId, 'episodes'] as const;

/** Current episodes first, then the ended ones. */
export function usePersonEpisodes(personId: string) {
  return useQuery({ queryKey: episodesKey(personId), queryFn: () => api.get<Episode[]>(`/api/v1/people/${personId}/episodes`) });
}

export function changeEpisodePhase(episodeId: string, body: { toPhase: string; effectiveOn: string; note: string | null }) {
  return api.post(`/api/v1/episodes/${episodeId}/phase`, body);
}

export function updateEpisode(episodeId: string, body: { referentId?: string; coordinatorId?: string; plannedEndOn?: string | null }) {
  return api.patch(`/api/v1/episodes/${episodeId}`, body);
}

export function endEpisode(episodeId: string, body: { endedOn: string; endReason: EpisodeEndReason; aftercareNote: string }) {
  return api.post(`/api/v1/episodes/${episodeId}/end`, body);
}

/** The structure's active staff, to choose a référent or a coordinator (same key as the care team form). */
export function useStaffDirectory() {
  return useQuery({ queryKey: ['staff-directory'], queryFn: () => api.get<DirectoryEntry[]>('/api/v1/staff/directory') });
}
