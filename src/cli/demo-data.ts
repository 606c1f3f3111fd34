import type { Translated } from '../lib/i18n.js';
import type { OrganizationKind } from '../modules/organizations/schema.js';

// The fictional structure of `npm run demo`. Every name is invented; any resemblance is chance.

/** The password of every demo account (demo only: the data directory is ./data-demo, never ./data). */
export const demoPassword = 'Relais-demo-2026';

export const demoOrganization: { name: string; kind: OrganizationKind } = {
  name: 'Clinique du Parc — Accompagnement personnalisé',
  kind: 'clinic',
};

export type DemoAccountKey =
  | 'administrator'
  | 'coordinator'
  | 'psychologist'
  | 'psychiatrist'
  | 'nurse'
  | 'educator'
  | 'social_worker'
  | 'peer_support'
  | 'psycho_emotional'
  | 'clinical_referent'
  | 'supervisor'
  | 'billing';

export interface DemoAccount {
  key: DemoAccountKey;
  email: string;
  firstName: string;
  lastName: string;
  /** Role codes of the default catalogue (permissions come from the roles). */
  roles: readonly string[];
  /** Discipline code of the default catalogue, if any. */
  discipline: string | null;
  /** What the account is for, as the README and the console list it. */
  label: Translated;
}

const domain = 'clinique-du-parc.example';

/** The demo accounts, first the administrator (who sets the structure up). All share `demoPassword`. */
export const demoAccounts: readonly DemoAccount[] = [
  { key: 'administrator', email: `sophie.garnier@${domain}`, firstName: 'Sophie', lastName: 'Garnier', roles: ['administrator'], discipline: null, label: { fr: 'Administratrice (comptes, pas de dossiers)', en: 'Administrator (accounts, no records)' } },
  { key: 'coordinator', email: `karim.benali@${domain}`, firstName: 'Karim', lastName: 'Benali', roles: ['coordinator'], discipline: 'personal_support_manager', label: { fr: 'Coordinateur, responsable d’accompagnement personnel', en: 'Coordinator, personal-support manager' } },
  { key: 'psychologist', email: `elise.marchand@${domain}`, firstName: 'Élise', lastName: 'Marchand', roles: ['practitioner'], discipline: 'psychologist', label: { fr: 'Psychologue', en: 'Psychologist' } },
  { key: 'psychiatrist', email: `antoine.lefevre@${domain}`, firstName: 'Antoine', lastName: 'Lefèvre', roles: ['practitioner'], discipline: 'psychiatrist', label: { fr: 'Psychiatre', en: 'Psychiatrist' } },
  { key: 'nurse', email: `nadia.haddad@${domain}`, firstName: 'Nadia', lastName: 'Haddad', roles: ['practitioner'], discipline: 'nurse', label: { fr: 'Infirmière', en: 'Nurse' } },
  { key: 'educator', email: `julien.perrin@${domain}`, firstName: 'Julien', lastName: 'Perrin', roles: ['practitioner'], discipline: 'educator', label: { fr: 'Éducateur spécialisé', en: 'Specialised educator' } },
  { key: 'social_worker', email: `camille.rousseau@${domain}`, firstName: 'Camille', lastName: 'Rousseau', roles: ['practitioner'], discipline: 'social_worker', label: { fr: 'Assistante de service social', en: 'Social worker' } },
  { key: 'peer_support', email: `maelle.legall@${domain}`, firstName: 'Maëlle', lastName: 'Le Gall', roles: ['practitioner'], discipline: 'peer_support_worker', label: { fr: 'Pair-aidante', en: 'Peer-support worker' } },
  { key: 'psycho_emotional', email: `ines.moreau@${domain}`, firstName: 'Inès', lastName: 'Moreau', roles: ['practitioner'], discipline: 'psycho_emotional_practitioner', label: { fr: 'Praticienne en accompagnement psycho-émotionnel', en: 'Psycho-emotional practitioner' } },
  { key: 'clinical_referent', email: `helene.dufour@${domain}`, firstName: 'Hélène', lastName: 'Dufour', roles: ['clinical_referent'], discipline: 'physician', label: { fr: 'Référente clinique (médecin)', en: 'Clinical referent (physician)' } },
  { key: 'supervisor', email: `bernard.giraud@${domain}`, firstName: 'Bernard', lastName: 'Giraud', roles: ['supervisor'], discipline: 'psychologist', label: { fr: 'Superviseur', en: 'Supervisor' } },
  { key: 'billing', email: `valerie.fontaine@${domain}`, firstName: 'Valérie', lastName: 'Fontaine', roles: ['billing'], discipline: null, label: { fr: 'Facturation', en: 'Billing' } },
];

export interface DemoPerson {
  firstName: string;
  lastName: string;
  birthDate: string;
  /** The colleagues the coordinator adds to the care team (the coordinator opens every record and is on every team). */
  team: readonly Exclude<DemoAccountKey, 'administrator' | 'coordinator' | 'billing'>[];
}

/** The people supported: mostly adults, a few adolescents and elderly people. */
export const demoPeople: readonly DemoPerson[] = [
  { firstName: 'Chloé', lastName: 'Bertin', birthDate: '1998-04-12', team: ['psychologist', 'peer_support'] },
  { firstName: 'Mathis', lastName: 'Roussel', birthDate: '2009-09-03', team: ['educator', 'psychologist', 'social_worker'] },
  { firstName: 'Yasmine', lastName: 'Bensaïd', birthDate: '1991-11-27', team: ['psychiatrist', 'nurse', 'psychologist'] },
  { firstName: 'Gérard', lastName: 'Lemaître', birthDate: '1949-02-14', team: ['nurse', 'social_worker'] },
  { firstName: 'Océane', lastName: 'Kerbrat', birthDate: '2001-06-30', team: ['peer_support', 'psycho_emotional'] },
  { firstName: 'Thierry', lastName: 'Vasseur', birthDate: '1968-08-08', team: ['psychiatrist', 'nurse', 'clinical_referent'] },
  { firstName: 'Salomé', lastName: 'Ferreira', birthDate: '1995-01-19', team: ['psychologist', 'educator'] },
  { firstName: 'Noël', lastName: 'Barbier', birthDate: '1979-12-24', team: ['social_worker', 'psycho_emotional'] },
  { firstName: 'Jeanne', lastName: 'Duval', birthDate: '1942-05-05', team: ['nurse', 'psychiatrist', 'social_worker', 'supervisor'] },
  { firstName: 'Hugo', lastName: 'Ménard', birthDate: '2010-02-21', team: ['educator', 'psychologist'] },
  { firstName: 'Amandine', lastName: 'Caron', birthDate: '1987-07-02', team: ['psychologist', 'peer_support', 'psycho_emotional'] },
  { firstName: 'Rachid', lastName: 'Mansouri', birthDate: '1975-03-30', team: ['psychiatrist', 'social_worker'] },
  { firstName: 'Élodie', lastName: 'Prévost', birthDate: '1990-10-10', team: ['psychologist', 'nurse'] },
  { firstName: 'François', lastName: 'Thébault', birthDate: '1958-09-17', team: ['nurse', 'peer_support'] },
  { firstName: 'Zoé', lastName: 'Lacroix', birthDate: '2008-12-01', team: ['educator', 'psychologist', 'clinical_referent'] },
  { firstName: 'Sébastien', lastName: 'Guérin', birthDate: '1983-04-04', team: ['psychiatrist', 'psychologist', 'social_worker'] },
  { firstName: 'Maëlys', lastName: 'Nguyen', birthDate: '1999-08-22', team: ['peer_support', 'psycho_emotional'] },
  { firstName: 'Pascale', lastName: 'Rivière', birthDate: '1966-06-13', team: ['psychologist', 'social_worker'] },
  { firstName: 'Loïc', lastName: 'Le Bihan', birthDate: '1993-02-28', team: ['educator', 'nurse'] },
  { firstName: 'Agnès', lastName: 'Hébert', birthDate: '1954-11-09', team: ['nurse', 'psychiatrist', 'supervisor'] },
  { firstName: 'Kévin', lastName: 'Da Silva', birthDate: '1996-05-16', team: ['social_worker', 'peer_support'] },
  { firstName: 'Anaïs', lastName: 'Colin', birthDate: '1989-03-08', team: ['psycho_emotional', 'psychologist'] },
  { firstName: 'Mehdi', lastName: 'Belkacem', birthDate: '1985-07-25', team: ['psychiatrist', 'nurse', 'educator'] },
  { firstName: 'Céline', lastName: 'Aubry', birthDate: '1977-01-31', team: ['psychologist', 'psycho_emotional'] },
  { firstName: 'Théo', lastName: 'Marchal', birthDate: '2004-10-19', team: ['educator', 'peer_support', 'psychologist'] },
  { firstName: 'Brigitte', lastName: 'Régnier', birthDate: '1951-04-22', team: ['social_worker', 'nurse'] },
  { firstName: 'Julie', lastName: 'Besançon', birthDate: '1992-09-09', team: ['psychologist', 'clinical_referent'] },
  { firstName: 'Aurélien', lastName: 'Pélissier', birthDate: '1981-12-12', team: ['psychiatrist', 'psychologist'] },
  { firstName: 'Manon', lastName: 'Chrétien', birthDate: '2002-03-03', team: ['peer_support', 'educator'] },
  { firstName: 'Ousmane', lastName: 'Diallo', birthDate: '1988-08-18', team: ['social_worker', 'psychologist', 'nurse'] },
];
