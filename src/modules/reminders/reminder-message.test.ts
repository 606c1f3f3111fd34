import { describe, expect, it } from 'vitest';
import { composeReminderMessage, type ReminderFacts } from './reminder-message.js';

const base: ReminderFacts = {
  locale: 'fr',
  timeZone: 'Europe/Paris',
  kind: 'individual',
  groupTitle: null,
  serviceName: 'Accompagnement par les pairs',
  startsAt: new Date('2026-03-31T08:00:00Z'),
  modality: 'on_site',
  videoLink: null,
  siteName: 'Maison des Tilleuls',
  partnerName: null,
  organizationName: 'Clinique des Tilleuls',
  firstName: 'Éloïse',
};

describe('reminder text', () => {
  it('names the service, the local date and time (summer time) and the place, in French', () => {
    const m = composeReminderMessage(base);
    expect(m.subject).toBe('Rappel : votre rendez-vous « Accompagnement par les pairs », le mardi 31 mars 2026 à 10:00');
    expect(m.text).toContain('Bonjour Éloïse,');
    expect(m.text).toContain('Lieu : Maison des Tilleuls');
    expect(m.sms).toBe('Clinique des Tilleuls : rappel de votre rendez-vous « Accompagnement par les pairs » le mardi 31 mars 2026 à 10:00, Maison des Tilleuls.');
  });

  it('keeps 10:00 on the structure’s clock before the change to summer time too', () => {
    expect(composeReminderMessage({ ...base, startsAt: new Date('2026-03-24T09:00:00Z') }).subject).toContain('mardi 24 mars 2026 à 10:00');
  });

  it('names a group by its title, and the place by its kind', () => {
    const group = composeReminderMessage({ ...base, kind: 'group', groupTitle: 'Groupe de parole du mardi', modality: 'video', videoLink: 'https://visio.exemple.fr/abc' });
    expect(group.subject).toContain('la séance « Groupe de parole du mardi »');
    expect(group.subject).not.toContain('Accompagnement par les pairs');
    expect(group.text).toContain('Lieu : en visio : https://visio.exemple.fr/abc');
    expect(composeReminderMessage({ ...base, modality: 'home' }).text).toContain('Lieu : à domicile');
    expect(composeReminderMessage({ ...base, modality: 'partner_site', partnerName: 'CCAS de Lyon 3e' }).text).toContain('Lieu : CCAS de Lyon 3e');
    expect(composeReminderMessage({ ...base, modality: 'phone' }).sms).toContain('par téléphone');
  });

  it('names nobody for a discreet person', () => {
    const m = composeReminderMessage({ ...base, firstName: null });
    expect(m.text.startsWith('Bonjour,\n')).toBe(true);
    expect(`${m.subject} ${m.text} ${m.sms}`).not.toContain('Éloïse');
  });

  it('speaks English to a person who prefers it', () => {
    const m = composeReminderMessage({ ...base, locale: 'en' });
    expect(m.subject).toBe('Reminder: your appointment “Accompagnement par les pairs”, on Tuesday, 31 March 2026 at 10:00');
    expect(m.text).toContain('Hello Éloïse,');
    expect(m.text).toContain('Place: Maison des Tilleuls');
  });
});
