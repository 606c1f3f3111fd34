import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp, setUpOrganization, type TestOrganization } from '../../test/factories.js';
import type { TestClient } from '../../test/http-client.js';
import { readPdf } from '../../test/pdf-text.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
type Staff = Awaited<ReturnType<typeof addStaffMember>>;
let coordinator: Staff;
let supervisor: Staff;
let practitioner: Staff;
let peerWorker: Staff;
let outsider: Staff;

interface Service {
  id: string;
  indicationCriteria: { id: string; label: string }[];
  safetyCriteria: { id: string; label: string }[];
  phases: { code: string }[];
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  coordinator = await addStaffMember(app, org, { roles: ['coordinator'], firstName: 'Claire', lastName: 'Fontaine' });
  supervisor = await addStaffMember(app, org, { roles: ['supervisor'], firstName: 'Hélène', lastName: 'Roux' });
  practitioner = await addStaffMember(app, org, { roles: ['practitioner'], disciplines: ['psychologist'], firstName: 'Yanis', lastName: 'Haddad' });
  peerWorker = await addStaffMember(app, org, { roles: ['practitioner'], disciplines: ['peer_support_worker'], firstName: 'Nadia', lastName: 'Kone' });
  outsider = await addStaffMember(app, org, { roles: ['practitioner'], firstName: 'Louis', lastName: 'Garnier' });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const count = async (sql: string, params: unknown[] = []) => (await database.admin.query(sql, params)).rows[0].n as number;

async function createService(overrides: Record<string, unknown> = {}): Promise<Service> {
  const created = await coordinator.client.post<{ id: string }>('/api/v1/services', {
    name: `Accompagnement ${crypto.randomUUID().slice(0, 6)}`,
    kind: 'individual_support',
    defaultDurationMinutes: 45,
    maxDurationMinutes: 45,
    modalities: ['home', 'video'],
    indicationCriteria: [{ label: 'Demande formulée par la personne elle-même' }],
    safetyCriteria: [{ label: 'Absence d’idées suicidaires actives', orientation: 'Urgences, 3114' }],
    phases: [
      { code: 'arrival', label: 'Accueil et orientation' },
      { code: 'intensive', label: 'Phase intensive' },
      { code: 'aftercare', label: 'Suivi après accompagnement' },
    ],
    ...overrides,
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const all = await coordinator.client.get<Service[]>('/api/v1/services');
  return all.body.find((s) => s.id === created.body.id)!;
}

/** A referral received, linked to a new record opened by the coordinator. */
async function referralFor(service: Service, person: Record<string, unknown> = {}) {
  const firstName = (person.firstName as string) ?? `Personne${crypto.randomUUID().slice(0, 8)}`;
  const referral = await coordinator.client.post<{ id: string }>('/api/v1/referrals', {
    source: 'clinician',
    referrerName: 'Dr Samuel Blanc',
    referrerRole: 'Médecin traitant',
    firstName,
    lastName: (person.lastName as string) ?? 'Test',
    serviceId: service.id,
    reason: 'Anxiété importante, demande un accompagnement.',
    urgency: 'routine',
    consentToShare: true,
  });
  if (referral.status !== 201) throw new Error(JSON.stringify(referral.body));
  const linked = await coordinator.client.post<{ personId: string }>(`/api/v1/referrals/${referral.body.id}/person`, { createRecord: true, duplicatesAcknowledged: true });
  if (linked.status !== 200) throw new Error(JSON.stringify(linked.body));
  if (person.discreet) await coordinator.client.patch(`/api/v1/people/${linked.body.personId}`, { discreet: true, alias: person.alias ?? null });
  return { referralId: referral.body.id, personId: linked.body.personId };
}

const allMet = (service: Service) => [...service.indicationCriteria, ...service.safetyCriteria].map((c) => ({ criterionId: c.id, met: true }));
const admission = (referentId: string, extra: Record<string, unknown> = {}) => ({ referentId, coordinatorId: coordinator.id, startedOn: '2026-11-23', ...extra });

function decide(client: TestClient, body: Record<string, unknown>) {
  return client.post<{ id: string; episodeId: string | null; waitlistEntryId: string | null; code?: string; errors?: { field: string; message: string }[]; capacity?: unknown; title?: string }>(
    '/api/v1/admission-decisions',
    body,
  );
}

describe('admission review: criteria and safety', () => {
  let service: Service;
  beforeAll(async () => {
    service = await createService();
  });

  it('asks for an answer to every criterion of the service, naming the one missing', async () => {
    const { referralId } = await referralFor(service);
    const reply = await decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: [{ criterionId: service.indicationCriteria[0]!.id, met: true }], admission: admission(practitioner.id) });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: `body.criteriaAnswers.${service.safetyCriteria[0]!.id}`, message: expect.stringContaining('idées suicidaires') })]);
    expect(await count('SELECT count(*)::int AS n FROM admission_decision WHERE referral_id = $1', [referralId])).toBe(0);
  });

  it('allows only an orientation when a safety criterion fails, and gives the emergency numbers', async () => {
    const { referralId } = await referralFor(service);
    const answers = [{ criterionId: service.indicationCriteria[0]!.id, met: true }, { criterionId: service.safetyCriteria[0]!.id, met: false, note: 'Idées suicidaires exprimées lors de l’entretien' }];
    for (const outcome of ['admit', 'waitlist', 'refuse']) {
      const refused = await decide(coordinator.client, { referralId, serviceId: service.id, outcome, criteriaAnswers: answers, reasons: 'Motifs', waitlistPriority: 1, admission: admission(practitioner.id) });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('safety_requires_orientation');
      expect(refused.body.title).toMatch(/15.*112.*3114/);
    }
    const withoutTarget = await decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'orient', criteriaAnswers: answers });
    expect(withoutTarget.status).toBe(400);
    expect(withoutTarget.body.errors!.map((e) => e.field).sort()).toEqual(['body.orientationTo', 'body.reasons']);
    const oriented = await decide(coordinator.client, {
      referralId,
      serviceId: service.id,
      outcome: 'orient',
      criteriaAnswers: answers,
      orientationTo: 'emergency',
      orientationDetail: 'Urgences psychiatriques du CHU',
      reasons: 'Un risque suicidaire a été repéré : un accompagnement par une pair-aidante ne suffit pas aujourd’hui.',
    });
    expect(oriented.status).toBe(201);
    const decisions = await coordinator.client.get<{ outcome: string; safetyConcern: boolean; criteriaAnswers: { label: string; met: boolean }[]; inForce: boolean }[]>(`/api/v1/referrals/${referralId}/decisions`);
    expect(decisions.body).toEqual([expect.objectContaining({ outcome: 'orient', safetyConcern: true, inForce: true })]);
    expect(decisions.body[0]!.criteriaAnswers).toContainEqual(expect.objectContaining({ label: 'Absence d’idées suicidaires actives', met: false }));
    const numbers = await coordinator.client.get<{ number: string }[]>('/api/v1/admissions/emergency-numbers');
    expect(numbers.body.map((n) => n.number)).toEqual(['15', '112', '3114']);
  });

  it('needs written reasons to refuse, and produces the letter (PDF) of a refusal only', async () => {
    expect((await org.admin.patch('/api/v1/organization', { address: '4 rue des Lilas\n35000 Rennes', phone: '02 99 12 34 56', email: 'accueil@tilleuls.example' })).status).toBe(200);
    const { referralId } = await referralFor(service, { firstName: 'Éloïse', lastName: 'Lefèvre' });
    const noReason = await decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'refuse', criteriaAnswers: allMet(service), reasons: '   ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors![0]!.field).toBe('body.reasons');
    const refused = await decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'refuse', criteriaAnswers: allMet(service), reasons: 'La demande relève d’un suivi psychiatrique que nous ne proposons pas.' });
    expect(refused.status).toBe(201);
    const letter = await coordinator.client.get<string>(`/api/v1/admission-decisions/${refused.body.id}/letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The letter goes to the referrer (a clinician referred her), names her, gives the reasons and the structure's contacts.
    const text = (await readPdf(new Uint8Array(letter.raw.rawPayload))).pages.join(' ');
    expect(text).toContain('Dr Samuel Blanc');
    expect(text).toContain('Éloïse Lefèvre');
    expect(text).toContain('relève d’un suivi psychiatrique');
    expect(text).toContain('02 99 12 34 56');
    expect(text).toMatch(/3114/);
    expect((await practitioner.client.get(`/api/v1/admission-decisions/${refused.body.id}/letter`)).status).toBe(403);
    const { referralId: other } = await referralFor(service);
    const waitlisted = await decide(coordinator.client, { referralId: other, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 2, criteriaAnswers: allMet(service) });
    expect((await coordinator.client.get<{ code: string }>(`/api/v1/admission-decisions/${waitlisted.body.id}/letter`)).body.code).toBe('no_letter_for_outcome');
  });

  it('addresses the letter to the person when they did not agree to exchanges with the referrer', async () => {
    const referral = await coordinator.client.post<{ id: string }>('/api/v1/referrals', {
      source: 'clinician', referrerName: 'Dr Samuel Blanc', firstName: 'Sans', lastName: 'Accord', serviceId: service.id, reason: 'Demande du médecin.', urgency: 'routine', consentToShare: false,
    });
    const refused = await decide(coordinator.client, { referralId: referral.body.id, serviceId: service.id, outcome: 'refuse', criteriaAnswers: allMet(service), reasons: 'Hors de notre mission.' });
    expect(refused.status).toBe(201);
    const [decision] = (await coordinator.client.get<{ letterRecipient: string }[]>(`/api/v1/referrals/${referral.body.id}/decisions`)).body;
    expect(decision!.letterRecipient).toBe('person');
  });

  it('lets only the roles that decide take a decision', async () => {
    const { referralId } = await referralFor(service);
    for (const who of [practitioner, outsider]) expect((await decide(who.client, { referralId, serviceId: service.id, outcome: 'refuse', criteriaAnswers: allMet(service), reasons: 'x' })).status).toBe(403);
    expect((await decide(org.admin, { referralId, serviceId: service.id, outcome: 'refuse', criteriaAnswers: allMet(service), reasons: 'x' })).status).toBe(403);
  });
});

describe('decisions are never edited', () => {
  it('keeps the first decision as it was; a correction is a new decision that supersedes it', async () => {
    const service = await createService();
    const { referralId, personId } = await referralFor(service);
    const first = await decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'refuse', criteriaAnswers: allMet(service), reasons: 'Hors de notre territoire.' });
    expect(first.status).toBe(201);
    // A second "first" decision is refused: the team must correct the one in force.
    const again = await decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 1, criteriaAnswers: allMet(service) });
    expect(again.body.code).toBe('decision_already_taken');
    const corrected = await decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'admit', supersedesId: first.body.id, criteriaAnswers: allMet(service), admission: admission(practitioner.id) });
    expect(corrected.status).toBe(201);
    const stale = await decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'refuse', supersedesId: first.body.id, criteriaAnswers: allMet(service), reasons: 'x' });
    expect(stale.body.code).toBe('decision_not_current');
    // An admission is corrected only once its episode has ended.
    const blocked = await decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'refuse', supersedesId: corrected.body.id, criteriaAnswers: allMet(service), reasons: 'Erreur de saisie' });
    expect(blocked.body.code).toBe('episode_still_active');
    const history = await coordinator.client.get<{ id: string; outcome: string; reasons: string | null; inForce: boolean; decidedByName: string; referentName: string | null; episodeId: string | null }[]>(`/api/v1/referrals/${referralId}/decisions`);
    expect(history.body.map((d) => [d.outcome, d.inForce])).toEqual([['refuse', false], ['admit', true]]);
    expect(history.body[1]).toMatchObject({ referentName: 'Yanis Haddad', episodeId: corrected.body.episodeId });
    expect(history.body[0]).toMatchObject({ reasons: 'Hors de notre territoire.', decidedByName: 'Claire Fontaine' });
    // Not even the database owner may change or delete a decision.
    await expect(database.admin.query(`UPDATE admission_decision SET reasons = 'autre' WHERE id = $1`, [first.body.id])).rejects.toThrow(/never changed/);
    await expect(database.admin.query(`DELETE FROM admission_decision WHERE id = $1`, [first.body.id])).rejects.toThrow(/never changed/);
    expect((await coordinator.client.patch(`/api/v1/admission-decisions/${first.body.id}`, { reasons: 'x' })).status).toBe(404);
    const audit = await count(`SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action IN ('admission.decided','admission.decision_corrected')`, [personId]);
    expect(audit).toBe(2);
  });

  it('lets only one of two simultaneous first decisions on a referral through', async () => {
    const service = await createService();
    const { referralId } = await referralFor(service);
    const replies = await Promise.all([
      decide(coordinator.client, { referralId, serviceId: service.id, outcome: 'refuse', criteriaAnswers: allMet(service), reasons: 'Motif A' }),
      decide(supervisor.client, { referralId, serviceId: service.id, outcome: 'refuse', criteriaAnswers: allMet(service), reasons: 'Motif B' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count('SELECT count(*)::int AS n FROM admission_decision WHERE referral_id = $1', [referralId])).toBe(1);
  });
});

describe('capacity', () => {
  it('refuses an admission beyond the service’s limit with the figures, unless a supervisor overrides with a reason', async () => {
    const service = await createService({ caseloadLimitPerService: 1 });
    const a = await referralFor(service);
    const b = await referralFor(service);
    expect((await decide(coordinator.client, { referralId: a.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(practitioner.id) })).status).toBe(201);
    const full = await decide(coordinator.client, { referralId: b.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(peerWorker.id) });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ code: 'capacity_reached', details: { limit: 'service', capacity: { serviceActive: 1, serviceLimit: 1 } } });
    expect(full.body.title).toContain('liste d’attente');
    // A coordinator's reason is not enough: overriding a limit is a supervisor's call.
    const notAllowed = await decide(coordinator.client, { referralId: b.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(peerWorker.id), capacityOverrideReason: 'Situation urgente' });
    expect(notAllowed.status).toBe(403);
    const overridden = await decide(supervisor.client, {
      referralId: b.referralId,
      serviceId: service.id,
      outcome: 'admit',
      criteriaAnswers: allMet(service),
      admission: admission(peerWorker.id),
      capacityOverrideReason: 'Sortie d’hospitalisation sans autre relais possible ; fin prévue d’un autre accompagnement la semaine prochaine.',
    });
    expect(overridden.status).toBe(201);
    const decisions = await supervisor.client.get<{ capacity: { serviceActive: number; serviceLimit: number }; capacityOverrideReason: string; decidedByName: string }[]>(`/api/v1/referrals/${b.referralId}/decisions`);
    expect(decisions.body[0]).toMatchObject({ capacity: { serviceActive: 1, serviceLimit: 1 }, capacityOverrideReason: expect.stringContaining('Sortie'), decidedByName: 'Hélène Roux' });
    expect(await count('SELECT count(*)::int AS n FROM episode WHERE service_id = $1 AND ended_on IS NULL', [service.id])).toBe(2);
  });

  it('holds "one person at a time" in an exclusive service, whoever decides', async () => {
    const service = await createService({ exclusive: true });
    const a = await referralFor(service);
    const b = await referralFor(service);
    expect((await decide(coordinator.client, { referralId: a.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(peerWorker.id) })).status).toBe(201);
    const second = await decide(supervisor.client, { referralId: b.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(peerWorker.id), capacityOverrideReason: 'Je dépasse' });
    expect(second.body.code).toBe('capacity_exclusive');
    // Another référent is free.
    expect((await decide(coordinator.client, { referralId: b.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(practitioner.id) })).status).toBe(201);
  });

  it('counts the référent’s own caseload against the per-practitioner limit', async () => {
    const service = await createService({ caseloadLimitPerPractitioner: 1 });
    const a = await referralFor(service);
    const b = await referralFor(service);
    await decide(coordinator.client, { referralId: a.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(practitioner.id) });
    const over = await decide(coordinator.client, { referralId: b.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(practitioner.id) });
    expect(over.body).toMatchObject({ code: 'capacity_reached', details: { limit: 'referent', capacity: { referentActive: 1, referentLimit: 1 } } });
  });

  it('lets exactly one of several admissions racing for the last place win', async () => {
    const service = await createService({ caseloadLimitPerService: 3 });
    const first = await referralFor(service);
    await decide(coordinator.client, { referralId: first.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(practitioner.id) });
    const second = await referralFor(service);
    await decide(coordinator.client, { referralId: second.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(practitioner.id) });
    const racers = await Promise.all([1, 2, 3, 4].map(() => referralFor(service)));
    const replies = await Promise.all(
      racers.map((r, i) => decide(i % 2 ? supervisor.client : coordinator.client, { referralId: r.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(i % 2 ? peerWorker.id : practitioner.id) })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.code === 'capacity_reached')).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM episode WHERE service_id = $1 AND ended_on IS NULL', [service.id])).toBe(3);
    // The losers' referrals are still waiting for a decision: nothing half-done.
    expect(await count(`SELECT count(*)::int AS n FROM referral WHERE id = ANY($1) AND status = 'new'`, [racers.map((r) => r.referralId)])).toBe(3);
  });

  it('is enforced by the database itself, even for a write that bypasses the application', async () => {
    const service = await createService({ caseloadLimitPerService: 1 });
    const a = await referralFor(service);
    const decided = await decide(coordinator.client, { referralId: a.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(practitioner.id) });
    const b = await referralFor(service);
    await expect(
      database.admin.query(
        `INSERT INTO episode (organization_id, id, person_id, service_id, admission_decision_id, referent_id, coordinator_id, started_on)
         SELECT organization_id, gen_random_uuid(), $1, service_id, id, $2, $2, '2026-11-23' FROM admission_decision WHERE id = $3`,
        [b.personId, peerWorker.id, decided.body.id],
      ),
    ).rejects.toThrow(/caseload limit/);
  });
});

describe('episodes', () => {
  let service: Service;
  let episodeId: string;
  let personId: string;
  beforeAll(async () => {
    service = await createService({ caseloadLimitPerService: 1 });
    const r = await referralFor(service);
    personId = r.personId;
    const decided = await decide(coordinator.client, {
      referralId: r.referralId,
      serviceId: service.id,
      outcome: 'admit',
      criteriaAnswers: allMet(service),
      admission: admission(peerWorker.id, { referentDisciplineId: org.disciplineId('peer_support_worker'), plannedEndOn: '2027-05-23', members: [{ staffMemberId: practitioner.id, disciplineId: org.disciplineId('psychologist') }] }),
    });
    episodeId = decided.body.episodeId!;
  });

  it('puts the référent, the coordinator and the members on the care team, with their disciplines', async () => {
    const team = await peerWorker.client.get<{ staffMemberId: string; disciplineNameFr: string | null }[]>(`/api/v1/people/${personId}/care-team`);
    expect(team.status).toBe(200);
    const byId = new Map(team.body.map((m) => [m.staffMemberId, m.disciplineNameFr]));
    expect(byId.get(peerWorker.id)).toBe('Pair-aidant(e)');
    expect(byId.get(practitioner.id)).toBe('Psychologue');
    expect(byId.has(coordinator.id)).toBe(true);
  });

  it('sums the record up for the care team: the person, the team, the current episode with its phase', async () => {
    const summary = await practitioner.client.get<{ person: { id: string }; careTeam: { name: string }[]; currentEpisodes: { serviceName: string; referentName: string; phaseLabel: string }[]; endedEpisodes: number }>(
      `/api/v1/people/${personId}/summary`,
    );
    expect(summary.status).toBe(200);
    expect(summary.body.person.id).toBe(personId);
    expect(summary.body.careTeam.map((m) => m.name)).toEqual(expect.arrayContaining(['Nadia Kone', 'Yanis Haddad', 'Claire Fontaine']));
    expect(summary.body.currentEpisodes).toEqual([expect.objectContaining({ referentName: 'Nadia Kone', phaseLabel: 'Accueil et orientation' })]);
    expect((await outsider.client.get(`/api/v1/people/${personId}/summary`)).status).toBe(403);
  });

  it('is read by the care team only', async () => {
    const episodes = await practitioner.client.get<{ id: string; serviceName: string; referentName: string; phaseLabel: string; startedOn: string; plannedEndOn: string }[]>(`/api/v1/people/${personId}/episodes`);
    expect(episodes.body).toEqual([expect.objectContaining({ id: episodeId, referentName: 'Nadia Kone', phaseLabel: 'Accueil et orientation', startedOn: '2026-11-23', plannedEndOn: '2027-05-23' })]);
    const one = await practitioner.client.get<{ serviceName: string; referentName: string; personId: string }>(`/api/v1/episodes/${episodeId}`);
    expect(one.body).toMatchObject({ personId, referentName: 'Nadia Kone' });
    expect((await outsider.client.get(`/api/v1/episodes/${episodeId}`)).status).toBe(403);
    const denied = await outsider.client.get<{ code: string }>(`/api/v1/people/${personId}/episodes`);
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('not_care_team');
    expect((await supervisor.client.get(`/api/v1/people/${personId}/episodes`)).status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'episode.read' AND outcome = 'denied'`, [personId])).toBe(3);
  });

  it('records phase changes with date and author, and only to a phase of the pathway', async () => {
    expect((await peerWorker.client.post<{ errors: { field: string }[] }>(`/api/v1/episodes/${episodeId}/phase`, { toPhase: 'nowhere', effectiveOn: '2026-12-01' })).status).toBe(400);
    expect((await outsider.client.post(`/api/v1/episodes/${episodeId}/phase`, { toPhase: 'intensive', effectiveOn: '2026-12-01' })).status).toBe(403);
    expect((await peerWorker.client.post(`/api/v1/episodes/${episodeId}/phase`, { toPhase: 'intensive', effectiveOn: '2026-12-01', note: 'Rythme hebdomadaire convenu' })).status).toBe(204);
    const [e] = (await peerWorker.client.get<{ phaseCode: string; phaseChanges: { fromLabel: string | null; toLabel: string; effectiveOn: string; changedByName: string; note: string | null }[] }[]>(`/api/v1/people/${personId}/episodes`)).body;
    expect(e!.phaseCode).toBe('intensive');
    expect(e!.phaseChanges).toEqual([
      expect.objectContaining({ fromLabel: null, toLabel: 'Accueil et orientation', effectiveOn: '2026-11-23', changedByName: 'Claire Fontaine' }),
      expect.objectContaining({ fromLabel: 'Accueil et orientation', toLabel: 'Phase intensive', effectiveOn: '2026-12-01', changedByName: 'Nadia Kone', note: 'Rythme hebdomadaire convenu' }),
    ]);
    await expect(database.admin.query(`UPDATE episode_phase_change SET note = 'x'`)).rejects.toThrow(/never changed/);
  });

  it('keeps in the pathway a phase someone is in: removing it is refused, renaming it is fine', async () => {
    const withoutIntensive = service.phases.filter((p) => p.code !== 'intensive').map((p) => ({ code: p.code, label: 'x' }));
    const refused = await coordinator.client.patch<{ code: string; details: { phases: string[] } }>(`/api/v1/services/${service.id}`, { phases: withoutIntensive });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'phase_in_use', details: { phases: ['intensive'] } });
    const renamed = service.phases.map((p) => ({ code: p.code, label: p.code === 'intensive' ? 'Phase intensive (hebdomadaire)' : 'Autre libellé' }));
    expect((await coordinator.client.patch(`/api/v1/services/${service.id}`, { phases: renamed })).status).toBe(204);
    const one = await practitioner.client.get<{ id: string; phases: { code: string; label: string }[] }>(`/api/v1/services/${service.id}`);
    expect(one.body.phases.find((p) => p.code === 'intensive')!.label).toBe('Phase intensive (hebdomadaire)');
    expect((await practitioner.client.get(`/api/v1/services/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('ends with a reason and an aftercare note; the coordinators hear that a place is free when people wait', async () => {
    const waiting = await referralFor(service, { discreet: true, alias: 'Madame R.' });
    expect((await decide(coordinator.client, { referralId: waiting.referralId, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 2, criteriaAnswers: allMet(service) })).status).toBe(201);
    const noNote = await peerWorker.client.post<{ errors: { field: string }[] }>(`/api/v1/episodes/${episodeId}/end`, { endedOn: '2027-01-15', endReason: 'goals_reached', aftercareNote: '' });
    expect(noNote.status).toBe(400);
    const before = await coordinator.client.get<{ unread: number }>('/api/v1/notifications');
    expect((await peerWorker.client.post(`/api/v1/episodes/${episodeId}/end`, { endedOn: '2027-01-15', endReason: 'goals_reached', aftercareNote: 'Relais par le groupe de parole mensuel ; rappel dans 3 mois.' })).status).toBe(204);
    expect((await peerWorker.client.post<{ code: string }>(`/api/v1/episodes/${episodeId}/end`, { endedOn: '2027-01-16', endReason: 'other', aftercareNote: 'encore' })).body.code).toBe('episode_ended');
    const after = await coordinator.client.get<{ unread: number; items: { kind: string; payload: { serviceId: string; waiting: number } }[] }>('/api/v1/notifications');
    expect(after.body.unread).toBe(before.body.unread + 1);
    expect(after.body.items[0]).toMatchObject({ kind: 'place_freed', payload: { serviceId: service.id, waiting: 1 } });
    expect(JSON.stringify(after.body.items[0])).not.toContain('Madame');
    // A practitioner, who does not decide admissions, is not told.
    expect((await practitioner.client.get<{ unread: number }>('/api/v1/notifications')).body.unread).toBe(0);
  });
});

describe('waitlist', () => {
  it('orders by priority then date, shows positions and discreet people under their alias', async () => {
    const service = await createService({ caseloadLimitPerService: 1 });
    const low = await referralFor(service);
    const high = await referralFor(service, { discreet: true, alias: 'Monsieur D.' });
    const normalLater = await referralFor(service);
    await decide(coordinator.client, { referralId: low.referralId, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 3, criteriaAnswers: allMet(service) });
    await decide(coordinator.client, { referralId: high.referralId, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 1, criteriaAnswers: allMet(service) });
    await decide(coordinator.client, { referralId: normalLater.referralId, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 2, criteriaAnswers: allMet(service) });
    const list = await coordinator.client.get<{ personId: string; displayName: string; position: number; priority: number }[]>(`/api/v1/waitlist?serviceId=${service.id}`);
    expect(list.body.map((e) => [e.personId, e.position])).toEqual([
      [high.personId, 1],
      [normalLater.personId, 2],
      [low.personId, 3],
    ]);
    expect(list.body[0]!.displayName).toBe('Monsieur D.');
    expect((await practitioner.client.get('/api/v1/waitlist')).status).toBe(403);
    const inbox = await coordinator.client.get<{ items: { personId: string; displayName: string }[] }>('/api/v1/referrals?status=waitlisted');
    expect(inbox.body.items.find((i) => i.personId === high.personId)!.displayName).toBe('Monsieur D.');
  });

  it('offers a place: a decline keeps the person’s position if they wish; an acceptance admits them, capacity checked', async () => {
    const service = await createService({ caseloadLimitPerService: 1 });
    const first = await referralFor(service);
    const second = await referralFor(service);
    const w1 = await decide(coordinator.client, { referralId: first.referralId, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 1, criteriaAnswers: allMet(service) });
    await decide(coordinator.client, { referralId: second.referralId, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 1, criteriaAnswers: allMet(service) });
    const entry = w1.body.waitlistEntryId!;
    expect((await coordinator.client.post(`/api/v1/waitlist/${entry}/offer`)).status).toBe(201);
    expect((await coordinator.client.post<{ code: string }>(`/api/v1/waitlist/${entry}/offer`)).body.code).toBe('offer_pending');
    expect((await coordinator.client.post(`/api/v1/waitlist/${entry}/response`, { response: 'declined', note: 'Pas disponible avant janvier', stayOnWaitlist: true })).status).toBe(200);
    let list = await coordinator.client.get<{ id: string; position: number; status: string }[]>(`/api/v1/waitlist?serviceId=${service.id}`);
    expect(list.body.find((e) => e.id === entry)).toMatchObject({ position: 1, status: 'waiting' });
    await coordinator.client.post(`/api/v1/waitlist/${entry}/offer`);
    const accepted = await coordinator.client.post<{ decisionId: string; episodeId: string }>(`/api/v1/waitlist/${entry}/response`, { response: 'accepted', admission: admission(practitioner.id) });
    expect(accepted.status).toBe(200);
    expect(accepted.body.episodeId).toBeTruthy();
    list = await coordinator.client.get(`/api/v1/waitlist?serviceId=${service.id}`);
    expect(list.body.map((e) => e.position)).toEqual([1]);
    const history = await coordinator.client.get<{ outcome: string; inForce: boolean; criteriaAnswers: unknown[] }[]>(`/api/v1/referrals/${first.referralId}/decisions`);
    expect(history.body.map((d) => [d.outcome, d.inForce])).toEqual([['waitlist', false], ['admit', true]]);
    expect(history.body[1]!.criteriaAnswers).toHaveLength(2);
    // The service is now full: the next acceptance is refused and the offer stays open.
    const next = list.body[0]!.id;
    await coordinator.client.post(`/api/v1/waitlist/${next}/offer`);
    const refused = await coordinator.client.post<{ code: string }>(`/api/v1/waitlist/${next}/response`, { response: 'accepted', admission: admission(peerWorker.id) });
    expect(refused.body.code).toBe('capacity_reached');
    list = await coordinator.client.get(`/api/v1/waitlist?serviceId=${service.id}`);
    expect(list.body[0]).toMatchObject({ id: next, status: 'offered' });
  });
});

describe('capacity board', () => {
  it('shows per service the caseload against the limit, free places, waitlist and planned ends; per référent and per referrer', async () => {
    const service = await createService({ caseloadLimitPerService: 2, caseloadLimitPerPractitioner: 2, name: 'Tableau de bord test' });
    const a = await referralFor(service);
    const admitted = await decide(coordinator.client, { referralId: a.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(practitioner.id, { plannedEndOn: '2026-12-10' }) });
    expect(admitted.status).toBe(201);
    const b = await referralFor(service);
    await decide(coordinator.client, { referralId: b.referralId, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 2, criteriaAnswers: allMet(service) });
    await referralFor(service);
    const board = await supervisor.client.get<{ services: Record<string, unknown>[]; referrers: { source: string; total: number; admitted: number }[] }>('/api/v1/capacity-board?horizonDays=30');
    expect(board.status).toBe(200);
    const row = board.body.services.find((s) => s.id === service.id)!;
    expect(row).toMatchObject({ active: 1, serviceLimit: 2, free: 1, waiting: 1, plannedEnds: 1, nextPlannedEnd: '2026-12-10', newReferrals: 1 });
    expect(row.referents).toEqual([{ staffMemberId: practitioner.id, name: 'Yanis Haddad', active: 1, limit: 2 }]);
    expect(board.body.referrers.find((r) => r.source === 'clinician')!.admitted).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(board.body)).not.toMatch(/Personne[0-9a-f]{8}/);
    expect((await practitioner.client.get('/api/v1/capacity-board')).status).toBe(403);
  });
});

describe('discreet people', () => {
  it('never appear under their identity in a list: people, referral inbox, waitlist, capacity board, notifications', async () => {
    const service = await createService({ caseloadLimitPerService: 1 });
    const holder = await referralFor(service);
    await decide(coordinator.client, { referralId: holder.referralId, serviceId: service.id, outcome: 'admit', criteriaAnswers: allMet(service), admission: admission(practitioner.id) });
    const discreet = await referralFor(service, { firstName: 'Apolline', lastName: 'Quesnel-Vautrin', discreet: true });
    await decide(coordinator.client, { referralId: discreet.referralId, serviceId: service.id, outcome: 'waitlist', waitlistPriority: 1, criteriaAnswers: allMet(service) });
    const episodes = await coordinator.client.get<{ id: string }[]>(`/api/v1/people/${holder.personId}/episodes`);
    await practitioner.client.post(`/api/v1/episodes/${episodes.body[0]!.id}/end`, { endedOn: '2026-12-01', endReason: 'person_choice', aftercareNote: 'Souhaite arrêter ; recontact possible.' });
    const lists = await Promise.all([
      coordinator.client.get('/api/v1/people?limit=200'),
      coordinator.client.get('/api/v1/people?q=Quesnel'),
      coordinator.client.get('/api/v1/referrals?status=all&limit=200'),
      coordinator.client.get('/api/v1/waitlist'),
      coordinator.client.get('/api/v1/capacity-board'),
      coordinator.client.get('/api/v1/notifications'),
    ]);
    for (const list of lists) {
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toMatch(/Quesnel|Apolline/);
    }
    // Initials stand for the person where a name is needed; the record itself, for the care team, holds the identity.
    expect(JSON.stringify(lists[3]!.body)).toContain('A. Q.');
    expect((await coordinator.client.get<{ lastName: string }>(`/api/v1/people/${discreet.personId}`)).body.lastName).toBe('Quesnel-Vautrin');
  });
});
