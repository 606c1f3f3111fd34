// Shapes of the API answers the web app reads (see the route files and /api/openapi.json).

export type Locale = 'fr' | 'en';
export type SessionStage = 'active' | 'totp_pending' | 'totp_enrollment';
export type Permission = 'organization:manage' | 'staff:manage' | 'person:create' | 'person:read' | 'person:update' | 'care_team:manage';
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

/** A person in a list: a discreet person shows only an alias or initials (displayName). */
export interface PersonSummary {
  id: string;
  displayName: string;
  discreet: boolean;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
}

export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  createdAt: string;
}

export interface PeoplePage {
  items: PersonSummary[];
  nextCursor: string | null;
}

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
