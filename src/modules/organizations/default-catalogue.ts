import type { Permission } from '../../server/access-policy.js';

// What a new structure starts with. Roles and disciplines are rows the structure can extend;
// nothing in the code branches on a role's name, only on the permissions a role row lists.
export const defaultRoles: { code: string; nameFr: string; nameEn: string; permissions: Permission[] }[] = [
  { code: 'administrator', nameFr: 'Administration', nameEn: 'Administrator', permissions: ['organization:manage', 'staff:manage'] },
  { code: 'coordinator', nameFr: 'Coordination', nameEn: 'Coordinator', permissions: ['person:create', 'person:read', 'person:update', 'care_team:manage', 'services:manage', 'partners:manage', 'referral:record', 'referral:triage', 'admission:decide', 'episode:manage', 'deadlines:oversee', 'appointment:book', 'scheduling:configure', 'journal:write', 'escalation:configure'] },
  { code: 'practitioner', nameFr: 'Intervention', nameEn: 'Practitioner', permissions: ['person:create', 'person:read', 'person:update', 'referral:record', 'episode:manage', 'appointment:book', 'journal:write'] },
  { code: 'clinical_referent', nameFr: 'Référence clinique', nameEn: 'Clinical referent', permissions: ['person:read', 'appointment:book', 'journal:write', 'escalation:receive'] },
  { code: 'supervisor', nameFr: 'Supervision', nameEn: 'Supervisor', permissions: ['person:read', 'care_team:manage', 'referral:record', 'referral:triage', 'admission:decide', 'capacity:override', 'deadlines:oversee', 'journal:write', 'escalation:receive'] },
  { code: 'billing', nameFr: 'Facturation', nameEn: 'Billing', permissions: [] },
];

export const defaultDisciplines: { code: string; nameFr: string; nameEn: string }[] = [
  { code: 'psychologist', nameFr: 'Psychologue', nameEn: 'Psychologist' },
  { code: 'psychiatrist', nameFr: 'Psychiatre', nameEn: 'Psychiatrist' },
  { code: 'physician', nameFr: 'Médecin', nameEn: 'Physician' },
  { code: 'nurse', nameFr: 'Infirmier ou infirmière', nameEn: 'Nurse' },
  { code: 'educator', nameFr: 'Éducateur ou éducatrice spécialisé(e)', nameEn: 'Specialised educator' },
  { code: 'social_worker', nameFr: 'Assistant(e) de service social', nameEn: 'Social worker' },
  { code: 'peer_support_worker', nameFr: 'Pair-aidant(e)', nameEn: 'Peer-support worker' },
  { code: 'personal_support_manager', nameFr: 'Responsable d’accompagnement personnel', nameEn: 'Personal-support manager' },
  { code: 'psycho_emotional_practitioner', nameFr: 'Praticien(ne) en accompagnement psycho-émotionnel', nameEn: 'Psycho-emotional practitioner' },
  { code: 'family_social_counsellor', nameFr: 'Conseiller(ère) en économie sociale et familiale', nameEn: 'Family and social economy counsellor' },
];
