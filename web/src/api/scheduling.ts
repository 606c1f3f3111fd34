import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ApiError } from './client';
import type { AbsenceKind } from './scheduling-settings';
import type { Modality } from './types';

// Appointments and agendas (src/modules/scheduling/routes.ts, contract /tmp/scheduling-api.md).
// Every staff member reads agendas; a person's identity only shows to their care team, others see
// "busy". Booking needs appointment:book. The lists mirror src/modules/scheduling/schema.ts.

export const appointmentKinds = ['individual', 'with_relatives', 'group', 'practice_analysis', 'team_meeting', 'partner_onsite_day'] as const;
export type AppointmentKind = (typeof appointmentKinds)[number];
export const groupFormats = ['support_group', 'psychoeducation_workshop', 'relatives_group'] as const;
export type GroupFormat = (typeof groupFormats)[number];
export const appointmentStatuses = ['planned', 'confirmed', 'done', 'cancelled', 'missed'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const attendances = ['present', 'absent', 'excused'] as const;
export type Attendance = (typeof attendances)[number];
export const cancellingParties = ['person', 'structure', 'relative', 'partner'] as const;
export type CancellingParty = (typeof cancellingParties)[number];
export type SeriesScope = 'this' | 'following';

export interface Violation {
  code: string;
  message: string;
}

export interface Recurrence {
  /** RFC 5545 rule without DTSTART ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"). */
  rule: string;
  until?: string;
  count?: number;
  exceptionDates?: string[];
}

/** What booking sends (and the dry run checks). */
export interface AppointmentInput {
  kind: AppointmentKind;
  serviceId: string;
  episodeId?: string;
  personId?: string;
  title?: string;
  groupFormat?: GroupFormat;
  capacity?: number;
  modality: Modality;
  siteId?: string;
  partnerId?: string;
  homeAddress?: string;
  sectorId?: string;
  videoLink?: string;
  startsAt: string;
  endsAt: string;
  staffIds: string[];
  resourceIds?: string[];
  relativeIds?: string[];
  notes?: string;
  recurrence?: Recurrence;
}

export interface Registration {
  personId: string;
  personLabel: string;
  status: 'registered' | 'waitlisted' | 'cancelled';
  position: number | null;
  attendance: Attendance | null;
}

export interface Appointment {
  id: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  serviceId: string;
  serviceName: string;
  episodeId: string | null;
  personId: string | null;
  /** Name, alias or initials; null when the viewer is not on the person's care team. */
  personLabel: string | null;
  title: string | null;
  groupFormat: GroupFormat | null;
  modality: Modality;
  siteId: string | null;
  siteName: string | null;
  partnerId: string | null;
  partnerName: string | null;
  homeAddress: string | null;
  sectorId: string | null;
  videoLink: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  registeredCount: number;
  waitlistCount: number;
  seriesId: string | null;
  notes: string | null;
  version: number;
  cancelReason: string | null;
  cancelledByParty: CancellingParty | null;
  outcomeNote: string | null;
  staff: { id: string; name: string }[];
  resources: { id: string; name: string; kind: 'room' | 'equipment' }[];
  relatives: { id: string; name: string }[];
  registrations: Registration[];
}

export interface AgendaEvent {
  id: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  startsAt: string;
  endsAt: string;
  /** The group's name, or the person's label (to their care team) or the service. */
  title: string;
  serviceName: string;
  personLabel: string | null;
  modality: Modality;
  staffIds: string[];
  resourceIds: string[];
  seriesId: string | null;
  /** false: the viewer may only know the time is taken ("Occupé·e"). */
  visible: boolean;
  version: number;
}

export interface Agenda {
  events: AgendaEvent[];
  absences: { staffId: string; startsAt: string; endsAt: string; kind: AbsenceKind }[];
}

/** Whose agenda: staff members, rooms or equipment, or one person. */
export interface AgendaFilter {
  staffIds: string[];
  resourceIds: string[];
  personId: string | null;
}

export const agendaKey = ['agenda'] as const;
export const appointmentKey = (id: string) => ['appointment', id] as const;

export function useAgenda(filter: AgendaFilter, range: { from: string; to: string } | null, includeCancelled: boolean) {
  const query = new URLSearchParams();
  if (range) {
    query.set('from', range.from);
    query.set('to', range.to);
  }
  if (filter.staffIds.length > 0) query.set('staffIds', filter.staffIds.join(','));
  if (filter.resourceIds.length > 0) query.set('resourceIds', filter.resourceIds.join(','));
  if (filter.personId) query.set('personId', filter.personId);
  query.set('includeCancelled', String(includeCancelled));
  return useQuery({
    queryKey: [...agendaKey, query.toString()],
    queryFn: () => api.get<Agenda>(`/api/v1/agenda?${query.toString()}`),
    enabled: range !== null,
    // Moving to the next week keeps this week's events on screen until the next ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useAppointment(id: string) {
  return useQuery({ queryKey: appointmentKey(id), queryFn: () => api.get<Appointment>(`/api/v1/appointments/${id}`) });
}

/** Dry run of a booking or a move: which rules it would break, nothing written. */
export function checkAppointment(body: AppointmentInput & { appointmentId?: string }) {
  return api.post<{ ok: boolean; violations: Violation[] }>('/api/v1/appointments/check', body);
}

export function createAppointment(body: AppointmentInput, idempotencyKey: string) {
  return api.postIdempotent<{ id: string; seriesId: string | null; occurrences: number }>('/api/v1/appointments', body, idempotencyKey);
}

export interface AppointmentChange {
  startsAt?: string;
  endsAt?: string;
  staffIds?: string[];
  resourceIds?: string[];
  notes?: string;
  title?: string;
  capacity?: number;
  scope?: SeriesScope;
}

export function updateAppointment(id: string, version: number, change: AppointmentChange) {
  return api.patch<Appointment>(`/api/v1/appointments/${id}`, change, String(version));
}

export function cancelAppointment(id: string, body: { reason: string; cancelledByParty: CancellingParty; scope?: SeriesScope }) {
  return api.post(`/api/v1/appointments/${id}/cancel`, body);
}

export function setAppointmentStatus(id: string, body: { status: 'confirmed' | 'done' | 'missed'; note?: string }) {
  return api.post(`/api/v1/appointments/${id}/status`, body);
}

export function registerForGroup(id: string, personId: string) {
  return api.post<{ status: 'registered' | 'waitlisted'; position: number | null }>(`/api/v1/appointments/${id}/registrations`, { personId });
}

export function unregisterFromGroup(id: string, personId: string) {
  return api.delete(`/api/v1/appointments/${id}/registrations/${personId}`);
}

export function recordAttendance(id: string, entries: { personId: string; attendance: Attendance }[]) {
  return api.put(`/api/v1/appointments/${id}/attendance`, { entries });
}

/** The rules a refused booking broke (problem details.violations), or the refusal itself as one. */
export function violationsOf(error: unknown): Violation[] {
  if (!(error instanceof ApiError)) return [];
  const listed = error.problem.details?.violations;
  if (Array.isArray(listed)) return listed.filter((v): v is Violation => typeof v === 'object' && v !== null && 'message' in v && 'code' in v);
  return [];
}

/** What the dry run needs to check a move: the appointment as it is, at its new time. */
export function inputFromAppointment(a: Appointment): AppointmentInput {
  const optional = <K extends keyof AppointmentInput>(key: K, value: AppointmentInput[K] | null) => (value === null || value === undefined ? {} : { [key]: value });
  return {
    kind: a.kind,
    serviceId: a.serviceId,
    modality: a.modality,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    staffIds: a.staff.map((s) => s.id),
    resourceIds: a.resources.map((r) => r.id),
    relativeIds: a.relatives.map((r) => r.id),
    ...optional('episodeId', a.episodeId),
    ...optional('personId', a.personId),
    ...optional('title', a.title),
    ...optional('groupFormat', a.groupFormat),
    ...optional('capacity', a.capacity),
    ...optional('siteId', a.siteId),
    ...optional('partnerId', a.partnerId),
    ...optional('homeAddress', a.homeAddress),
    ...optional('sectorId', a.sectorId),
    ...optional('videoLink', a.videoLink),
  };
}

/** A 412 on a change: the server's sentence says who changed it and when. */
export function isStale(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 412;
}
