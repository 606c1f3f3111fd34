import type { Translated } from '../../lib/i18n.js';
import type { ConfidentialityLevel, JournalEntryKind } from './schema.js';

/** The words of the journal outside the web app (exports). */
export const kindLabels: Record<JournalEntryKind, Translated> = {
  observation: { fr: 'Observation', en: 'Observation' },
  session_note: { fr: 'Note de séance', en: 'Session note' },
  practical_concern: { fr: 'Préoccupation pratique', en: 'Practical concern' },
  emerging_need: { fr: 'Besoin émergent', en: 'Emerging need' },
  unplanned_contact: { fr: 'Contact non prévu', en: 'Unplanned contact' },
  incident: { fr: 'Incident', en: 'Incident' },
  crisis: { fr: 'Crise', en: 'Crisis' },
};

export const confidentialityLabels: Record<ConfidentialityLevel, Translated> = {
  care_team: { fr: 'Équipe', en: 'Care team' },
  restricted: { fr: 'Restreinte (auteur, référent, référents cliniques)', en: 'Restricted (author, référent, clinical referents)' },
  author_only: { fr: 'Auteur seulement', en: 'Author only' },
};
