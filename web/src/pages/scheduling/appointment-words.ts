import type { AppointmentKind } from '../../api/scheduling';

// Each kind has a colour in the agenda, always with its name in words beside it (never colour alone).
// Dark enough for white text at 4.5:1 or more.
export const kindColours: Record<AppointmentKind, string> = {
  individual: '#1d6282',
  with_relatives: '#0b6e5b',
  group: '#6741a8',
  practice_analysis: '#8a4b08',
  team_meeting: '#4a5560',
  partner_onsite_day: '#2f6b1f',
};

/** Busy time of appointments the viewer may not see, and absences (background). */
export const busyColour = '#5c636a';
export const absenceColour = '#f1c27d';

/** The kinds that concern one person (their record, their episode). */
export const personKinds: readonly AppointmentKind[] = ['individual', 'with_relatives', 'team_meeting'];
