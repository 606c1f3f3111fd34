import type { AppointmentInput, AppointmentKind, GroupFormat } from '../../api/scheduling';
import type { Modality } from '../../api/types';
import { personKinds } from './appointment-words';
import { minutesBetween, zonedToIso } from './zoned-time';

// What the new-appointment form holds, and the booking request it makes (checked live, then sent).

export type RecurrenceChoice = 'none' | 'weekly' | 'biweekly' | 'custom';

export type NewAppointmentValues = {
  kind: AppointmentKind;
  serviceId: string;
  person: { id: string; label: string } | null;
  episodeId: string;
  relativeIds: string[];
  title: string;
  groupFormat: GroupFormat;
  capacity: string;
  modality: Modality | '';
  siteId: string;
  roomId: string;
  equipmentIds: string[];
  partnerId: string;
  homeAddress: string;
  sectorId: string;
  videoLink: string;
  date: string;
  startTime: string;
  endTime: string;
  staffIds: string[];
  recurrence: RecurrenceChoice;
  customRule: string;
  recurrenceEnd: 'until' | 'count';
  until: string;
  count: string;
  notes: string;
};

const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** RFC 5545 weekday of a calendar date ("2026-03-24" → "TU"). */
function weekdayCode(date: string): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekdayCodes[(day + 6) % 7]!;
}

/** The booking the form describes, or null while it lacks what any check needs (service, time, staff, person). */
export function bookingOf(values: NewAppointmentValues, timeZone: string, roomKind: (id: string) => boolean): AppointmentInput | null {
  if (!values.serviceId || !values.modality || !values.date || !values.startTime || !values.endTime || values.staffIds.length === 0) return null;
  if (minutesBetween(values.startTime, values.endTime) <= 0) return null;
  const isGroup = values.kind === 'group';
  const forPerson = personKinds.includes(values.kind);
  // Until the person is chosen, "choose the person" is all a check could say.
  if (forPerson && !values.person) return null;
  const text = (value: string) => (value.trim() ? value.trim() : undefined);
  const input: AppointmentInput = {
    kind: values.kind,
    serviceId: values.serviceId,
    modality: values.modality,
    startsAt: zonedToIso(values.date, values.startTime, timeZone),
    endsAt: zonedToIso(values.date, values.endTime, timeZone),
    staffIds: values.staffIds,
  };
  if (forPerson && values.person) input.personId = values.person.id;
  if (forPerson && values.episodeId) input.episodeId = values.episodeId;
  if (values.kind === 'with_relatives' && values.relativeIds.length > 0) input.relativeIds = values.relativeIds;
  if (isGroup) {
    input.groupFormat = values.groupFormat;
    const capacity = Number(values.capacity);
    if (values.capacity && Number.isInteger(capacity)) input.capacity = capacity;
  }
  const title = text(values.title);
  if (title && (isGroup || !forPerson)) input.title = title;
  const resources = [...(values.modality === 'on_site' && values.roomId && roomKind(values.roomId) ? [values.roomId] : []), ...values.equipmentIds];
  if (resources.length > 0) input.resourceIds = resources;
  if (values.modality === 'on_site' && values.siteId) input.siteId = values.siteId;
  if (values.modality === 'partner_site' && values.partnerId) input.partnerId = values.partnerId;
  if (values.modality === 'home') {
    const address = text(values.homeAddress);
    if (address) input.homeAddress = address;
    if (values.sectorId) input.sectorId = values.sectorId;
  }
  if (values.modality === 'video') {
    const link = text(values.videoLink);
    if (link) input.videoLink = link;
  }
  const notes = text(values.notes);
  if (notes) input.notes = notes;
  if (values.recurrence !== 'none') {
    const rule =
      values.recurrence === 'weekly'
        ? `FREQ=WEEKLY;BYDAY=${weekdayCode(values.date)}`
        : values.recurrence === 'biweekly'
          ? `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekdayCode(values.date)}`
          : values.customRule.trim().replace(/^RRULE:/i, '');
    input.recurrence = { rule };
    if (values.recurrenceEnd === 'until' && values.until) input.recurrence.until = values.until;
    if (values.recurrenceEnd === 'count' && values.count) input.recurrence.count = Number(values.count);
  }
  return input;
}

