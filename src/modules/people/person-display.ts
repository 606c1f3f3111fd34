/**
 * How a person is named outside their record. A discreet person (reputation or safety concerns)
 * appears in lists, calendars, reminders and exports under their alias, or their initials, never
 * their identity; the identity shows only inside the record, to the care team.
 */
export function displayName(p: { firstName: string; lastName: string; discreet: boolean; alias: string | null }): string {
  if (!p.discreet) return `${p.firstName} ${p.lastName}`;
  if (p.alias?.trim()) return p.alias.trim();
  const initial = (s: string) => (s.trim()[0] ?? '').toLocaleUpperCase('fr-FR');
  return `${initial(p.firstName)}. ${initial(p.lastName)}.`;
}

/** Age in whole years on a given day (birth dates are calendar dates, no time zone involved). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
