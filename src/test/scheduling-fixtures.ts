import crypto from 'node:crypto';
import type { RelaisApp } from '../server/types.js';
import type { TestDatabase } from './database.js';
import { addStaffMember, setUpOrganization, type TestOrganization } from './factories.js';
import type { TestClient } from './http-client.js';

export type Staff = Awaited<ReturnType<typeof addStaffMember>>;

export interface ServiceRef {
  id: string;
  indicationCriteria: { id: string }[];
  safetyCriteria: { id: string }[];
}

/** A structure ready to schedule: a coordinator, practitioners of several disciplines, an outsider. */
export interface SchedulingStructure {
  org: TestOrganization;
  coordinator: Staff;
  peerWorker: Staff;
  psychologist: Staff;
  nurse: Staff;
  outsider: Staff;
}

export async function setUpSchedulingStructure(app: RelaisApp, database: TestDatabase): Promise<SchedulingStructure> {
  const org = await setUpOrganization(app, database);
  const [coordinator, peerWorker, psychologist, nurse, outsider] = await Promise.all([
    addStaffMember(app, org, { roles: ['coordinator'], disciplines: ['personal_support_manager'], firstName: 'Karim', lastName: 'Benali' }),
    addStaffMember(app, org, { roles: ['practitioner'], disciplines: ['peer_support_worker'], firstName: 'Maëlle', lastName: 'Le Gall' }),
    addStaffMember(app, org, { roles: ['practitioner'], disciplines: ['psychologist'], firstName: 'Élise', lastName: 'Marchand' }),
    addStaffMember(app, org, { roles: ['practitioner'], disciplines: ['nurse'], firstName: 'Nadia', lastName: 'Haddad' }),
    addStaffMember(app, org, { roles: ['practitioner'], disciplines: ['psychologist'], firstName: 'Louis', lastName: 'Garnier' }),
  ]);
  return { org, coordinator, peerWorker, psychologist, nurse, outsider };
}

export async function createService(client: TestClient, overrides: Record<string, unknown> = {}): Promise<ServiceRef> {
  const created = await client.post<{ id: string }>('/api/v1/services', {
    name: `Pair-aidance ${crypto.randomUUID().slice(0, 6)}`,
    kind: 'individual_support',
    defaultDurationMinutes: 45,
    maxDurationMinutes: 45,
    modalities: ['on_site', 'home', 'video', 'phone', 'partner_site'],
    indicationCriteria: [{ label: 'Demande formulée par la personne elle-même' }],
    ...overrides,
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const read = await client.get<ServiceRef>(`/api/v1/services/${created.body.id}`);
  return read.body;
}

/** A person admitted to the service through a referral and a decision, with a care team; returns the person and episode. */
export async function admitPerson(
  structure: SchedulingStructure,
  service: ServiceRef,
  options: { referentId?: string; members?: string[]; startedOn?: string; firstName?: string; lastName?: string } = {},
): Promise<{ personId: string; episodeId: string }> {
  const client = structure.coordinator.client;
  const referral = await client.post<{ id: string }>('/api/v1/referrals', {
    source: 'self',
    firstName: options.firstName ?? `Personne${crypto.randomUUID().slice(0, 6)}`,
    lastName: options.lastName ?? 'Durand',
    serviceId: service.id,
    reason: 'Souhaite un accompagnement par une pair-aidante.',
    urgency: 'routine',
    consentToShare: true,
  });
  if (referral.status !== 201) throw new Error(JSON.stringify(referral.body));
  const linked = await client.post<{ personId: string }>(`/api/v1/referrals/${referral.body.id}/person`, { createRecord: true, duplicatesAcknowledged: true });
  if (linked.status !== 200) throw new Error(JSON.stringify(linked.body));
  const referentId = options.referentId ?? structure.peerWorker.id;
  const decision = await client.post<{ episodeId: string }>('/api/v1/admission-decisions', {
    referralId: referral.body.id,
    serviceId: service.id,
    outcome: 'admit',
    criteriaAnswers: [...service.indicationCriteria, ...service.safetyCriteria].map((c) => ({ criterionId: c.id, met: true })),
    admission: {
      referentId,
      coordinatorId: structure.coordinator.id,
      startedOn: options.startedOn ?? '2026-01-05',
      members: (options.members ?? []).filter((m) => m !== referentId && m !== structure.coordinator.id).map((staffMemberId) => ({ staffMemberId })),
    },
  });
  if (decision.status !== 201) throw new Error(JSON.stringify(decision.body));
  return { personId: linked.body.personId, episodeId: decision.body.episodeId };
}

/** An instant from the structure's wall clock in Europe/Paris ("2027-03-02", "10:00"). */
export function paris(date: string, time: string): string {
  const probe = new Date(`${date}T${time}:00Z`);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' }).formatToParts(probe).find((p) => p.type === 'timeZoneName')!.value;
  const hours = Number(offset.replace('GMT', '') || 0);
  return new Date(probe.getTime() - hours * 3_600_000).toISOString();
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}
