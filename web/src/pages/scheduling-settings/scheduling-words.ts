import type { useTranslation } from 'react-i18next';
import type { Locale } from '../../api/types';

type Translate = ReturnType<typeof useTranslation>['t'];

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** A duration in the units people use: "45 min", "1 h 30", "2 jours". */
export function durationText(minutes: number, t: Translate): string {
  if (minutes > 0 && minutes % 1440 === 0) return t('schedulingSettings.units.days', { count: minutes / 1440 });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('schedulingSettings.units.minutes', { count: rest });
  if (rest === 0) return t('schedulingSettings.units.hours', { count: hours });
  return t('schedulingSettings.units.hoursMinutes', { hours, minutes: String(rest).padStart(2, '0') });
}

/** "09:00", in the structure's time zone. */
export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** "mardi 24 mars 2026", capitalised for a heading. */
export function formatDay(iso: string, locale: Locale, timeZone: string): string {
  const text = new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(iso));
  return text.charAt(0).toLocaleUpperCase(intlLocale(locale)) + text.slice(1);
}

/** "24 mars 2026 à 09:00", in the structure's time zone. */
export function formatMoment(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A calendar date moved by whole days ("2026-03-24" + 28). */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T12:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** "HH:MM:SS" from the database reads as "HH:MM". */
export const shortTime = (time: string) => time.slice(0, 5);
