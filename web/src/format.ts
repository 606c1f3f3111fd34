import type { CatalogueEntry, Locale } from './api/types';

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** A calendar date ("1984-03-02") as words, never shifted by the time zone. */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

let organizationTimeZone = 'Europe/Paris';

/** Set from the session: moments are shown in the organization's time zone, whatever the device's. */
export function setOrganizationTimeZone(timeZone: string): void {
  organizationTimeZone = timeZone;
}

/** A moment, in the organization's time zone. */
export function formatDateTime(iso: string, locale: Locale, timeZone = organizationTimeZone): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A time of day ("14:30"), in the organization's time zone. */
export function formatTime(iso: string, locale: Locale, timeZone = organizationTimeZone): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function catalogueName(entry: Pick<CatalogueEntry, 'nameFr' | 'nameEn'>, locale: Locale): string {
  return locale === 'fr' ? entry.nameFr : entry.nameEn;
}

export function fullName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`;
}

/** A language's name from its ISO 639 code, in the interface language ("ar" → "arabe"), capitalised. */
export function languageName(code: string, locale: Locale): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([intlLocale(locale)], { type: 'language', fallback: 'none' }).of(code);
  } catch {
    name = undefined;
  }
  if (!name) return code;
  return name.charAt(0).toLocaleUpperCase(intlLocale(locale)) + name.slice(1);
}

/** How lists name a person (as the server does): a discreet person by alias, or else initials. */
export function listName(p: { firstName: string; lastName: string; discreet: boolean; alias: string | null }): string {
  if (!p.discreet) return fullName(p);
  if (p.alias?.trim()) return p.alias.trim();
  const initial = (s: string) => (s.trim()[0] ?? '').toLocaleUpperCase('fr-FR');
  return `${initial(p.firstName)}. ${initial(p.lastName)}.`;
}

/** Words joined as a sentence would ("sur place, à domicile et en visio"). */
export function formatList(items: string[], locale: Locale): string {
  return new Intl.ListFormat(intlLocale(locale), { style: 'long', type: 'conjunction' }).format(items);
}

/** An ISO weekday (1 = Monday … 7 = Sunday) as a word: "lundi", "Monday". */
export function weekdayName(isoWeekday: number, locale: Locale): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, isoWeekday));
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** Today's calendar date ("2026-03-02") in the organization's time zone. */
export function organizationToday(now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: organizationTimeZone }).format(now);
}
