import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Modality } from './types';

// Scheduling configuration (src/modules/scheduling/routes.ts): places, bookable resources, sectors
// and travel times, the structure's settings, staff availability, the person's pace, and the slot
// finder. Every staff member reads the configuration; scheduling:configure changes it.

export interface SchedulingSettings {
  /** Between two home visits in different sectors, when the pair has no time of its own. */
  defaultTravelMinutes: number;
  /** The slot finder proposes starts on this grid (every 15 minutes…). */
  slotStepMinutes: number;
}

export interface Site {
  id: string;
  name: string;
  address: string | null;
  archivedAt: string | null;
}

export const resourceKinds = ['room', 'equipment'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export interface Resource {
  id: string;
  kind: ResourceKind;
  name: string;
  description: string | null;
  /** A room's seats. */
  capacity: number | null;
  siteId: string | null;
  siteName: string | null;
  archivedAt: string | null;
}

export interface ResourceInput {
  kind: ResourceKind;
  name: string;
  description: string | null;
  capacity: number | null;
  siteId: string | null;
}

export interface Sector {
  id: string;
  name: string;
}

export interface TravelTime {
  fromSectorId: string;
  toSectorId: string;
  minutes: number;
}

export interface Sectors {
  sectors: Sector[];
  travelTimes: TravelTime[];
}

/** One time range of a weekly pattern, in the structure's local time ("09:00"). */
export interface WeeklyRange {
  id: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  startsAt: string;
  endsAt: string;
  validFrom: string;
  validUntil: string | null;
}

export const absenceKinds = ['leave', 'training', 'sick_leave', 'other'] as const;
export type AbsenceKind = (typeof absenceKinds)[number];

export interface Absence {
  id: string;
  kind: AbsenceKind;
  startsAt: string;
  endsAt: string;
  note: string | null;
}

export interface Availability {
  weekly: WeeklyRange[];
  absences: Absence[];
}

export type WeeklyRangeInput = Omit<WeeklyRange, 'id' | 'validFrom'> & { validFrom: string | null };

export interface AbsenceInput {
  kind: AbsenceKind;
  startsAt: string;
  endsAt: string;
  note: string | null;
}

/** The person's pace in an episode; null is "no limit". */
export interface Pace {
  maxSessionsPerDay: number | null;
  maxSessionsPerWeek: number | null;
  minGapMinutes: number | null;
  note: string | null;
}

export const slotOrders = ['earliest', 'spread'] as const;
export type SlotOrder = (typeof slotOrders)[number];

/** A staff need: a named colleague, or any practitioner of a discipline. */
export type StaffNeed = { staffId: string } | { disciplineId: string };

export interface SlotSearch {
  serviceId: string;
  personId?: string;
  episodeId?: string;
  durationMinutes?: number;
  modality: Modality;
  staff: StaffNeed[];
  resourceId?: string;
  partnerId?: string;
  sectorId?: string;
  from: string;
  to: string;
  order?: SlotOrder;
  limit?: number;
}

export interface ProposedSlot {
  startsAt: string;
  endsAt: string;
  staffIds: string[];
  resourceId: string | null;
}

export interface SlotSearchResult {
  slots: ProposedSlot[];
  /** Why there are none or few, in the user's language. */
  reasons: { code: string; message: string }[];
}

export const schedulingSettingsKey = ['scheduling-settings'] as const;
export const sitesKey = ['sites'] as const;
export const resourcesKey = ['resources'] as const;
export const sectorsKey = ['sectors'] as const;
export const availabilityKey = (staffId: string) => ['staff', staffId, 'availability'] as const;
export const paceKey = (episodeId: string) => ['episode', episodeId, 'pace'] as const;

export function useSchedulingSettings() {
  return useQuery({ queryKey: schedulingSettingsKey, queryFn: () => api.get<SchedulingSettings>('/api/v1/scheduling/settings') });
}

/** The places and resources in use (archived ones are left out unless asked for). */
export function useSites() {
  return useQuery({ queryKey: sitesKey, queryFn: () => api.get<Site[]>('/api/v1/sites') });
}

export function useResources() {
  return useQuery({ queryKey: resourcesKey, queryFn: () => api.get<Resource[]>('/api/v1/resources') });
}

export function useSectors() {
  return useQuery({ queryKey: sectorsKey, queryFn: () => api.get<Sectors>('/api/v1/sectors') });
}

export function useAvailability(staffId: string) {
  return useQuery({ queryKey: availabilityKey(staffId), queryFn: () => api.get<Availability>(`/api/v1/staff/${staffId}/availability`), enabled: staffId !== '' });
}

export function usePace(episodeId: string) {
  return useQuery({ queryKey: paceKey(episodeId), queryFn: () => api.get<Pace>(`/api/v1/episodes/${episodeId}/pace`) });
}

export const saveSchedulingSettings = (body: SchedulingSettings) => api.put('/api/v1/scheduling/settings', body);
export const createSite = (body: { name: string; address: string | null }) => api.post<{ id: string }>('/api/v1/sites', body);
export const updateSite = (id: string, body: { name: string; address: string | null }) => api.patch(`/api/v1/sites/${id}`, body);
export const createResource = (body: ResourceInput) => api.post<{ id: string }>('/api/v1/resources', body);
export const updateResource = (id: string, body: Partial<ResourceInput>) => api.patch(`/api/v1/resources/${id}`, body);
export const createSector = (name: string) => api.post<{ id: string }>('/api/v1/sectors', { name });
export const renameSector = (id: string, name: string) => api.patch(`/api/v1/sectors/${id}`, { name });
export const saveTravelTimes = (travelTimes: TravelTime[]) => api.put('/api/v1/sectors/travel-times', { travelTimes });
export const saveWeeklyPattern = (staffId: string, weekly: WeeklyRangeInput[]) => api.put(`/api/v1/staff/${staffId}/availability`, { weekly });
export const addAbsence = (staffId: string, body: AbsenceInput) => api.post<{ id: string }>(`/api/v1/staff/${staffId}/absences`, body);
export const removeAbsence = (staffId: string, absenceId: string) => api.delete(`/api/v1/staff/${staffId}/absences/${absenceId}`);
export const savePace = (episodeId: string, body: Pace) => api.put(`/api/v1/episodes/${episodeId}/pace`, body);
export const searchSlots = (body: SlotSearch) => api.post<SlotSearchResult>('/api/v1/slots/search', body);
