// Shapes of the API answers the web app reads (see the route files and /api/openapi.json).

export type Locale = 'fr' | 'en';
export type SessionStage = 'active' | 'totp_pending' | 'totp_enrollment';
export type Permission = 'organization:manage' | 'staff:manage' | 'person:create' | 'person:read' | 'person:update' | 'care_team:manage' | 'services:manage' | 'partners:manage';
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
