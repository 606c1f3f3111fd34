// Shapes of the API answers the web app reads (see the route files and /api/openapi.json).

export type Locale = 'fr' | 'en';
export type SessionStage = 'active' | 'totp_pending' | 'totp_enrollment';
export type Permission = 'organization:manage' | 'staff:manage' | 'person:create' | 'person:read' | 'person:update' | 'care_team:manage' | 'services:manage' | 'partners:manage' | 'referral:record' | 'referral:triage' | 'admission:decide' | 'capacity:override' | 'episode:manage' | 'deadlines:oversee' | 'appointment:book' | 'scheduling:configure' | 'journal:write' | 'escalation:receive' | 'escalation:configure';
export const organizationKinds = ['clinic', 'essms', 'peer_support_practice', 'independent_practitioner', 'association'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export interface Session {
  stage: SessionStage;
  csrfToken: string;
  staffMember: { id: string; firstName: string; lastName: string; email: string; locale: Locale; twoFactorEnabled: boolean };
  organization: { id: string; name: string; timeZone: string; requireTwoFactor: boolean };
  roles: string[];
  permissions: string[];
}

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  timeZone: string;
  defaultLocale: Locale;
  requireTwoFactor: boolean;
  /** ESSMS deadlines (contract within 15 days / one month, objectives within six months). */
  legalClock: boolean;
  /** Printed on the structure's letters and documents. */
  address: string | null;
  phone: string | null;
  email: string | null;
}

export interface CatalogueEntry {
  id: string;
  code: string;
  nameFr: string;
  nameEn: string;
}

export interface Catalogue {
  roles: (CatalogueEntry & { permissions: string[] })[];
  disciplines: CatalogueEntry[];
}

export interface StaffMember {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  status: 'active' | 'deactivated';
  twoFactorEnabled: boolean;
  roleIds: string[];
  disciplineIds: string[];
  createdAt: string;
}

export interface PendingInvitation {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roleIds: string[];
  disciplineIds: string[];
  expiresAt: string;
}

export interface StaffList {
  staff: StaffMember[];
  invitations: PendingInvitation[];
}

export interface CreatedInvitation {
  invitationId: string;
  link: string;
  expiresAt: string;
}

export interface InvitationDescription {
  organizationName: string;
  email: string;
  firstName: string;
  lastName: string;
  expiresAt: string;
}

export interface DirectoryEntry {
  id: string;
  firstName: string;
  lastName: string;
  disciplineIds: string[];
}

// The lists the people API accepts (src/modules/people/schema.ts): shown in words from i18n.
export const publicCategories = ['adult', 'parent', 'adolescent', 'illness', 'relative'] as const;
export type PublicCategory = (typeof publicCategories)[number];
export const protectionMeasures = ['tutelle', 'curatelle', 'curatelle_renforcee', 'sauvegarde_de_justice', 'habilitation_familiale', 'mandat_protection_future'] as const;
export type ProtectionMeasure = (typeof protectionMeasures)[number];
export const relationships = ['parent', 'child', 'spouse_or_partner', 'sibling', 'grandparent', 'grandchild', 'other_family', 'friend', 'neighbour', 'guardian', 'professional_representative', 'other'] as const;
export type Relationship = (typeof relationships)[number];

/** A person in a list: a discreet person shows only an alias or initials (displayName). */
export interface PersonSummary {
  id: string;
  displayName: string;
  discreet: boolean;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  publicCategory: PublicCategory;
}

export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  age: number | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  /** ISO 639 code ("fr", "ar", "fsl"). */
  preferredLanguage: string;
  publicCategory: PublicCategory;
  protectionMeasure: ProtectionMeasure | null;
  discreet: boolean;
  alias: string | null;
  /** A minor or a protected adult: someone signs with or for them. */
  needsLegalRepresentative: boolean;
  legalRepresentativeRecorded: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What creating or changing a record sends (PATCH takes any part of it). */
export interface PersonInput {
  firstName: string;
  lastName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  preferredLanguage: string;
  publicCategory: PublicCategory;
  protectionMeasure: ProtectionMeasure | null;
  discreet: boolean;
  alias: string | null;
}

/** A record that may describe the same person; person is null when it is outside my care teams. */
export interface PossibleDuplicate {
  person: { id: string; displayName: string; birthDate: string | null } | null;
  similarity: number;
}

export interface PeoplePage {
  items: PersonSummary[];
  nextCursor: string | null;
  /** A search matched more people than shown: refine it. */
  moreMatches: boolean;
}

/** Someone in the person's circle (entourage). */
export interface Relative {
  id: string;
  firstName: string;
  lastName: string;
  relationship: Relationship;
  email: string | null;
  phone: string | null;
  address: string | null;
  isLegalRepresentative: boolean;
  isTrustedPerson: boolean;
  takesPartInPlan: boolean;
  /** Set when the relative is also a person supported by the organization. */
  supportedPersonId: string | null;
  notes: string | null;
  createdAt: string;
}

export type RelativeInput = Omit<Relative, 'id' | 'createdAt' | 'supportedPersonId'>;

export interface CareTeamMember {
  staffMemberId: string;
  firstName: string;
  lastName: string;
  disciplineId: string | null;
  disciplineNameFr: string | null;
  disciplineNameEn: string | null;
  addedAt: string;
}

export interface AccessLogEntry {
  occurredAt: string;
  action: string;
  outcome: string;
  actorId: string | null;
  actorName: string | null;
}

export interface TwoFactorEnrolment {
  secret: string;
  otpauthUri: string;
  qrCodeSvg: string;
}

// Services ("dispositifs") and partner structures: the lists their API accepts
// (src/modules/services/schema.ts, src/modules/partners/schema.ts), shown in words from i18n.
export const serviceKinds = ['individual_support', 'support_for_relatives', 'group', 'practice_analysis', 'relaxation_session', 'personal_support_management'] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const modalities = ['on_site', 'partner_site', 'home', 'video', 'phone'] as const;
export type Modality = (typeof modalities)[number];

/** A question of the admission review; its id stays when it is reworded (decisions refer to it). */
export interface Criterion {
  id: string;
  label: string;
}

/** Failing a safety criterion calls for an orientation elsewhere (a doctor, a CMP, emergency services…). */
export interface SafetyCriterion extends Criterion {
  orientation: string | null;
}

export interface PathwayPhase {
  code: string;
  label: string;
}

export interface Service {
  id: string;
  name: string;
  kind: ServiceKind;
  description: string | null;
  defaultDurationMinutes: number;
  maxDurationMinutes: number;
  modalities: Modality[];
  /** null: no limit. */
  caseloadLimitPerPractitioner: number | null;
  caseloadLimitPerService: number | null;
  /** One person at a time per practitioner, whatever the limits say. */
  exclusive: boolean;
  indicationCriteria: Criterion[];
  safetyCriteria: SafetyCriterion[];
  phases: PathwayPhase[];
  archivedAt: string | null;
}

/** What creating a service sends (PATCH takes any part of it); criteria without an id are new. */
export interface ServiceInput {
  name: string;
  kind: ServiceKind;
  description: string | null;
  defaultDurationMinutes: number;
  maxDurationMinutes: number;
  modalities: Modality[];
  caseloadLimitPerPractitioner: number | null;
  caseloadLimitPerService: number | null;
  exclusive: boolean;
  indicationCriteria: { id?: string; label: string }[];
  safetyCriteria: { id?: string; label: string; orientation: string | null }[];
  phases: PathwayPhase[];
}

export const partnerKinds = ['ccas_cias', 'caf', 'msa', 'mission_locale', 'centre_social', 'association', 'essms', 'hospital', 'cmp', 'school', 'other'] as const;
export type PartnerKind = (typeof partnerKinds)[number];
/** ISO weekdays: 1 is Monday, 7 is Sunday. */
export const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export interface PartnerContact {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
  address: string | null;
  contacts: PartnerContact[];
  /** Calendar dates ("2026-01-01") of the agreement ("convention"), if any. */
  agreementStart: string | null;
  agreementEnd: string | null;
  /** Worked out by the server for today, in the organization's time zone. */
  agreementInForce: boolean;
  onsiteWeekdays: number[];
  preferentialRateReference: string | null;
  notes: string | null;
  archivedAt: string | null;
}

export type PartnerInput = Omit<Partner, 'id' | 'agreementInForce' | 'archivedAt'>;
