// Escalations to clinical referents (src/modules/escalations).

export const escalationSeverities = ['information', 'concern', 'urgent', 'emergency'] as const;
export type EscalationSeverity = (typeof escalationSeverities)[number];
export type EscalationStatus = 'open' | 'acknowledged' | 'closed';

export interface StaffRef {
  id: string;
  name: string;
}

export interface EmergencyGuidance {
  numbers: { number: string; label: { fr: string; en: string } }[];
  safetyProcedure: string | null;
}

export interface Escalation {
  id: string;
  personId: string;
  /** Alias or initials for a discreet person. */
  personLabel: string;
  episodeId: string;
  entryId: string;
  severity: EscalationSeverity;
  status: EscalationStatus;
  /** False: I may know it exists (care team) but not what it says (the entry is not mine to read). */
  contentVisible: boolean;
  request: string | null;
  entry: { kind: string; text: string; occurredAt: string } | null;
  followUp: string | null;
  addressee: StaffRef;
  assignee: StaffRef;
  raisedBy: StaffRef;
  raisedAt: string;
  acknowledgeBy: string;
  overdue: boolean;
  chainLevel: number;
  acknowledgedBy: StaffRef | null;
  acknowledgedAt: string | null;
  closedAt: string | null;
  canAcknowledge: boolean;
  canFollowUp: boolean;
  canClose: boolean;
}

export type EscalationEventKind = 'raised' | 'climbed' | 'acknowledged' | 'follow_up' | 'closed';

export interface EscalationDetail extends Escalation {
  events: { id: string; kind: EscalationEventKind; actor: StaffRef | null; assignee: StaffRef | null; note: string | null; at: string }[];
  emergency: EmergencyGuidance | null;
}

export interface EscalationSettings {
  acknowledgementMinutes: Record<EscalationSeverity, number>;
  chain: { staffMemberId: string; name: string; active: boolean }[];
  safetyProcedure: string | null;
  updatedAt: string | null;
}

export interface Addressee {
  id: string;
  name: string;
  onCareTeam: boolean;
}

export const escalationSettingsKey = ['escalations', 'settings'] as const;
export const myEscalationsKey = ['escalations', 'mine'] as const;
export const escalationKey = (id: string) => ['escalations', 'one', id] as const;
export const personEscalationsKey = (personId: string) => ['escalations', 'person', personId] as const;
export const addresseesKey = (personId: string) => ['escalations', 'addressees', personId] as const;
