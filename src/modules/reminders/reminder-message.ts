import type { Locale } from '../../lib/i18n.js';
import type { Modality } from '../services/schema.js';
import type { AppointmentKind } from '../scheduling/schema.js';

/**
 * What a reminder may say. Deliberately narrow: the session's name, when, where (by kind of place),
 * and who sends it. No reason, note, diagnosis or staff discipline reaches this type, so no reminder
 * can carry them; a discreet person's reminder carries no name at all.
 */
export interface ReminderFacts {
  locale: Locale;
  timeZone: string;
  kind: AppointmentKind;
  /** A group's name; null for an individual session. */
  groupTitle: string | null;
  serviceName: string;
  startsAt: Date;
  modality: Modality;
  videoLink: string | null;
  siteName: string | null;
  partnerName: string | null;
  organizationName: string;
  /** The person's first name, or null for a discreet person (then the message names nobody). */
  firstName: string | null;
}

export interface ReminderMessage {
  subject: string;
  text: string;
  sms: string;
}

const words = {
  fr: {
    hello: (name: string | null) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    subject: (what: string, when: string) => `Rappel : ${what}, ${when}`,
    yourAppointment: (service: string) => `votre rendez-vous « ${service} »`,
    group: (title: string) => `la séance « ${title} »`,
    at: (date: string, time: string) => `le ${date} à ${time}`,
    remind: (what: string, when: string) => `Nous vous rappelons ${what} ${when}.`,
    place: 'Lieu',
    sep: ' : ',
    home: 'à domicile',
    phone: 'par téléphone',
    video: 'en visio',
    onSite: 'dans nos locaux',
    change: (org: string) => `En cas d’empêchement, merci de prévenir ${org}.`,
    sms: (org: string, what: string, when: string, where: string) => `${org} : rappel de ${what} ${when}, ${where}.`,
    dateLocale: 'fr-FR',
  },
  en: {
    hello: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    subject: (what: string, when: string) => `Reminder: ${what}, ${when}`,
    yourAppointment: (service: string) => `your appointment “${service}”`,
    group: (title: string) => `the session “${title}”`,
    at: (date: string, time: string) => `on ${date} at ${time}`,
    remind: (what: string, when: string) => `This is a reminder of ${what} ${when}.`,
    place: 'Place',
    sep: ': ',
    home: 'at home',
    phone: 'by phone',
    video: 'by video',
    onSite: 'on our premises',
    change: (org: string) => `If you cannot come, please let ${org} know.`,
    sms: (org: string, what: string, when: string, where: string) => `${org}: reminder of ${what} ${when}, ${where}.`,
    dateLocale: 'en-GB',
  },
} as const;

function where(facts: ReminderFacts, w: (typeof words)[Locale]): string {
  switch (facts.modality) {
    case 'video':
      return facts.videoLink ? `${w.video}${w.sep}${facts.videoLink}` : w.video;
    case 'home':
      return w.home;
    case 'phone':
      return w.phone;
    case 'partner_site':
      return facts.partnerName ?? w.onSite;
    case 'on_site':
      return facts.siteName ?? w.onSite;
  }
}

/** The reminder's text in the person's language (French unless they prefer English), times in the structure's zone. */
export function composeReminderMessage(facts: ReminderFacts): ReminderMessage {
  const w = words[facts.locale];
  const date = new Intl.DateTimeFormat(w.dateLocale, { timeZone: facts.timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(facts.startsAt);
  const time = new Intl.DateTimeFormat(w.dateLocale, { timeZone: facts.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(facts.startsAt);
  const what = facts.kind === 'group' && facts.groupTitle ? w.group(facts.groupTitle) : w.yourAppointment(facts.serviceName);
  const when = w.at(date, time);
  const place = where(facts, w);
  const text = [w.hello(facts.firstName), '', w.remind(what, when), `${w.place}${w.sep}${place}`, '', w.change(facts.organizationName), '', facts.organizationName, ''].join('\n');
  return { subject: w.subject(what, when), text, sms: w.sms(facts.organizationName, what, when, place) };
}
