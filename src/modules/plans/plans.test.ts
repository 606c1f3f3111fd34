import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../lib/time.js';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp, setUpOrganization, type TestOrganization } from '../../test/factories.js';
import { readPdf } from '../../test/pdf-text.js';
import { addDays, addMonths } from './deadlines.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
type Staff = Awaited<ReturnType<typeof addStaffMember>>;
let coordinator: Staff;
let referent: Staff;
let colleague: Staff;
let outsider: Staff;
let episodeId: string;
let personId: string;
const today = todayIn('Europe/Paris');

const count = async (sql: string, params: unknown[] = []) => (await database.admin.query(sql, params)).rows[0].n as number;

/** A person admitted into a service (referent: `referentId`), through the referral and decision routes. */
async function admit(firstName: string, startedOn: string, extra: Record<string, unknown> = {}) {
  const services = await coordinator.client.get<{ id: string; indicationCriteria: { id: string }[]; safetyCriteria: { id: string }[] }[]>('/api/v1/services');
  const service = services.body[0]!;
  const referral = await coordinator.client.post<{ id: string }>('/api/v1/referrals', { source: 'self', firstName, lastName: 'Lambert', reason: 'Souhaite être accompagnée.', urgency: 'routine', consentToShare: true, ...extra });
  const linked = await coordinator.client.post<{ personId: string }>(`/api/v1/referrals/${referral.body.id}/person`, { createRecord: true, duplicatesAcknowledged: true });
  const decided = await coordinator.client.post<{ episodeId: string }>('/api/v1/admission-decisions', {
    referralId: referral.body.id,
    serviceId: service.id,
    outcome: 'admit',
    criteriaAnswers: [...service.indicationCriteria, ...service.safetyCriteria].map((c) => ({ criterionId: c.id, met: true })),
    admission: { referentId: referent.id, coordinatorId: coordinator.id, startedOn, members: [{ staffMemberId: colleague.id }] },
  });
  if (decided.status !== 201) throw new Error(JSON.stringify(decided.body));
  return { episodeId: decided.body.episodeId, personId: linked.body.personId };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  coordinator = await addStaffMember(app, org, { roles: ['coordinator'], firstName: 'Claire', lastName: 'Fontaine' });
  referent = await addStaffMember(app, org, { roles: ['practitioner'], disciplines: ['educator'], firstName: 'Julien', lastName: 'Perrin' });
  colleague = await addStaffMember(app, org, { roles: ['practitioner'], disciplines: ['psychologist'], firstName: 'Élise', lastName: 'Marchand' });
  outsider = await addStaffMember(app, org, { roles: ['practitioner'], firstName: 'Louis', lastName: 'Garnier' });
  await coordinator.client.post('/api/v1/services', { name: 'Accompagnement personnalisé', kind: 'personal_support_management', defaultDurationMinutes: 60, maxDurationMinutes: 90, modalities: ['home'], phases: [{ code: 'accueil', label: 'Accueil' }] });
  ({ episodeId, personId } = await admit('Éloïse', addDays(today, -20)));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const scale = { '-2': 'Ne sort plus de chez elle', '-1': 'Sort accompagnée une fois par semaine', '0': 'Fait ses courses seule une fois par semaine', '1': 'Fait ses courses seule deux fois par semaine', '2': 'Participe à une activité du quartier' };
const goal = (overrides: Record<string, unknown> = {}) => ({
  personWording: 'Je veux refaire mes courses toute seule',
  professionalWording: 'Reprise des déplacements autonomes dans le quartier',
  domain: 'daily_autonomy',
  proposedBy: 'person',
  priority: 1,
  targetOn: addMonths(today, 6),
  autonomyAim: 'Aller seule au marché le samedi',
  scale,
  ...overrides,
});

describe('assessment', () => {
  it('starts from the French default template; answers are checked against the questions, field by field, storing nothing when wrong', async () => {
    const templates = await referent.client.get<{ id: string; isDefault: boolean; sections: { id: string; title: string; questions: { id: string; type: string; options?: string[] }[] }[] }[]>('/api/v1/assessment-templates');
    const template = templates.body.find((t) => t.isDefault)!;
    expect(template.sections.map((s) => s.title)).toEqual(expect.arrayContaining(['Autonomie au quotidien', 'Santé', 'Vie sociale', 'Logement', 'Emploi et formation', 'Scolarité', 'Relations familiales', 'Ressources et droits']));
    const bad = await referent.client.post<{ errors: { field: string }[] }>(`/api/v1/episodes/${episodeId}/assessments`, {
      templateId: template.id,
      answers: { sante_suivi: 'Peut-être', autonomie_gestes: 9, inconnue: 'x' },
      participants: [{ kind: 'person' }],
      assessedOn: today,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['body.answers.autonomie_gestes', 'body.answers.inconnue', 'body.answers.sante_suivi']);
    const badParticipants = await referent.client.post<{ errors: { field: string }[] }>(`/api/v1/episodes/${episodeId}/assessments`, {
      templateId: template.id,
      answers: {},
      participants: [{ kind: 'staff', staffMemberId: crypto.randomUUID() }, { kind: 'relative', relativeId: crypto.randomUUID() }, { kind: 'other' }],
      assessedOn: today,
    });
    expect(badParticipants.body.errors.map((e) => e.field)).toEqual(['body.participants.0.staffMemberId', 'body.participants.1.relativeId', 'body.participants.2.name']);
    const future = await referent.client.post<{ errors: { field: string }[] }>(`/api/v1/episodes/${episodeId}/assessments`, { templateId: template.id, answers: {}, participants: [], assessedOn: addDays(today, 2) });
    expect(future.body.errors[0]!.field).toBe('body.assessedOn');
    expect(await count('SELECT count(*)::int AS n FROM assessment')).toBe(0);
    const created = await referent.client.post<{ id: string; revision: number }>(`/api/v1/episodes/${episodeId}/assessments`, {
      templateId: template.id,
      answers: { sante_suivi: 'Oui, irrégulier', autonomie_gestes: 3, logement_precisions: 'Appartement au 4e sans ascenseur' },
      expectations: 'Je voudrais retrouver confiance pour sortir de chez moi.',
      strengths: 'Très entourée par sa sœur',
      obstacles: 'Angoisse dans les transports',
      participants: [{ kind: 'person' }, { kind: 'staff', staffMemberId: referent.id, disciplineId: org.disciplineId('educator') }],
      assessedOn: today,
    });
    expect(created.status).toBe(201);
    expect((await outsider.client.get(`/api/v1/episodes/${episodeId}/assessments`)).status).toBe(403);
    expect((await org.admin.post('/api/v1/assessment-templates', { name: 'x', sections: [{ title: 's', questions: [{ label: 'q', type: 'choice', options: ['seule'] }] }] })).status).toBe(403);
    const oneOption = await coordinator.client.post<{ errors: { field: string }[] }>('/api/v1/assessment-templates', { name: 'Bilan', sections: [{ title: 'Santé', questions: [{ label: 'Suivi', type: 'choice', options: ['Oui'] }] }] });
    expect(oneOption.body.errors[0]!.field).toBe('body.sections.0.questions.0.options');
    const sameTwice = await coordinator.client.post<{ errors: { field: string }[] }>('/api/v1/assessment-templates', { name: 'Bilan', sections: [{ title: 'Santé', questions: [{ label: 'Suivi', type: 'choice', options: ['Oui', 'oui '] }] }] });
    expect(sameTwice.body.errors[0]!.field).toBe('body.sections.0.questions.0.options');
    expect((await coordinator.client.post('/api/v1/assessment-templates', { name: 'Vide', sections: [{ title: 'Rien', questions: [] }] })).status).toBe(400);
    const short = await coordinator.client.post<{ id: string }>('/api/v1/assessment-templates', { name: 'Bilan court', sections: [{ title: 'Santé', questions: [{ label: 'Suivi', type: 'text' }] }] });
    expect((await coordinator.client.patch(`/api/v1/assessment-templates/${short.body.id}`, { archived: true })).status).toBe(204);
    expect((await referent.client.get<{ id: string }[]>('/api/v1/assessment-templates')).body.some((t) => t.id === short.body.id)).toBe(false);
    expect((await referent.client.get<{ id: string }[]>('/api/v1/assessment-templates?includeArchived=true')).body.some((t) => t.id === short.body.id)).toBe(true);
  });

  it('refuses a save on an older revision with who saved since and when (412); of two saves on one revision, one wins', async () => {
    const [a] = (await referent.client.get<{ id: string; revision: number }[]>(`/api/v1/episodes/${episodeId}/assessments`)).body;
    const saves = await Promise.all([
      referent.client.patch<{ revision: number }>(`/api/v1/assessments/${a!.id}`, { revision: a!.revision, strengths: 'Entourée par sa sœur et sa voisine' }),
      colleague.client.patch<{ revision: number }>(`/api/v1/assessments/${a!.id}`, { revision: a!.revision, obstacles: 'Angoisse dans le bus' }),
    ]);
    expect(saves.map((s) => s.status).sort()).toEqual([200, 412]);
    const lost = saves.find((s) => s.status === 412)!;
    expect((lost.body as unknown as { detail: string }).detail).toMatch(/^Modifié par (Julien Perrin|Élise Marchand) le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} \(version 2\)\.$/);
    expect(await count('SELECT revision AS n FROM assessment WHERE id = $1', [a!.id])).toBe(2);
  });
});

describe('plan versions', () => {
  it('saves versions that are never overwritten; a save on a stale version is refused naming who saved; concurrent saves: one wins', async () => {
    const first = await referent.client.post<{ versionId: string; number: number }>(`/api/v1/episodes/${episodeId}/plan/versions`, { basedOn: null, content: { summary: 'Reprendre pied chez soi et dehors.', goals: [goal()] } });
    expect(first.status).toBe(201);
    expect(first.body.number).toBe(1);
    const stale = await colleague.client.post<{ detail: string; code: string }>(`/api/v1/episodes/${episodeId}/plan/versions`, { basedOn: null, content: { goals: [goal()] } });
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toContain('Modifié par Julien Perrin');
    const plan = await referent.client.get<{ latest: { content: { goals: { id: string; actions: { id: string }[] }[] } } }>(`/api/v1/episodes/${episodeId}/plan`);
    const goalId = plan.body.latest.content.goals[0]!.id;
    const racing = await Promise.all(
      [referent, colleague].map((s, i) =>
        s.client.post(`/api/v1/episodes/${episodeId}/plan/versions`, {
          basedOn: 1,
          content: { goals: [goal({ id: goalId, actions: [{ who: { kind: 'staff', staffMemberId: referent.id }, what: `Accompagner au marché (${i})`, frequency: 'chaque samedi', startOn: today }] })] },
        }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 412]);
    expect(await count('SELECT count(*)::int AS n FROM plan_version')).toBe(2);
    const after = await referent.client.get<{ versions: { number: number; status: string; createdByName: string }[]; latest: { content: { goals: { id: string }[] } } }>(`/api/v1/episodes/${episodeId}/plan`);
    // The goal kept its id (evaluations refer to it); version 1 is superseded by version 2.
    expect(after.body.latest.content.goals[0]!.id).toBe(goalId);
    expect(after.body.versions.map((v) => [v.number, v.status])).toEqual([[2, 'draft'], [1, 'superseded']]);
    await expect(database.admin.query(`UPDATE plan_version SET content = '{}'::jsonb WHERE number = 1`)).rejects.toThrow(/never overwritten/);
    await expect(database.admin.query(`DELETE FROM plan_version`)).rejects.toThrow(/never deleted/);
  });

  it('refuses bad goals and actions field by field: a level of the scale undescribed, someone unknown, dates the wrong way', async () => {
    const plan = await referent.client.get<{ latest: { number: number } }>(`/api/v1/episodes/${episodeId}/plan`);
    const basedOn = plan.body.latest.number;
    const missingLevel = await referent.client.post<{ errors: { field: string }[] }>(`/api/v1/episodes/${episodeId}/plan/versions`, { basedOn, content: { goals: [goal({ scale: { ...scale, '2': ' ' } })] } });
    expect(missingLevel.status).toBe(400);
    expect(missingLevel.body.errors[0]!.field).toBe('body.content.goals.0.scale.2');
    const unknown = await referent.client.post<{ errors: { field: string }[] }>(`/api/v1/episodes/${episodeId}/plan/versions`, {
      basedOn,
      content: {
        goals: [
          goal({
            actions: [
              { who: { kind: 'staff', staffMemberId: crypto.randomUUID() }, what: 'x' },
              { who: { kind: 'relative', relativeId: crypto.randomUUID() }, what: 'y' },
              { who: { kind: 'person' }, what: 'z', startOn: '2027-02-01', endOn: '2027-01-01' },
            ],
          }),
        ],
      },
    });
    expect(unknown.body.errors.map((e) => e.field)).toEqual(['body.content.goals.0.actions.0.who.staffMemberId', 'body.content.goals.0.actions.1.who.relativeId', 'body.content.goals.0.actions.2.endOn']);
    const denied = () => count(`SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action IN ('plan.read', 'plan.write') AND outcome = 'denied'`, [personId]);
    const before = await denied();
    expect((await outsider.client.post(`/api/v1/episodes/${episodeId}/plan/versions`, { basedOn, content: { goals: [goal()] } })).status).toBe(403);
    expect((await outsider.client.get(`/api/v1/episodes/${episodeId}/plan`)).status).toBe(403);
    expect(await denied()).toBe(before + 2);
    expect(await count('SELECT count(*)::int AS n FROM plan_version')).toBe(2);
  });

  it('is agreed by the person and the référent on the exact version, then put into force; the history says what changed', async () => {
    let plan = await referent.client.get<{ latest: { id: string; number: number; contentHash: string } }>(`/api/v1/episodes/${episodeId}/plan`);
    const v2 = plan.body.latest;
    // Signing before it is proposed, or a version changed since it was shown, is refused.
    expect((await referent.client.post<{ code: string }>(`/api/v1/plan-versions/${v2.id}/agreements`, { party: 'person', outcome: 'signed', signedOn: today, contentHash: v2.contentHash })).body.code).toBe('plan_version_wrong_status');
    expect((await referent.client.post(`/api/v1/plan-versions/${v2.id}/propose`)).status).toBe(204);
    expect((await referent.client.post<{ code: string }>(`/api/v1/plan-versions/${v2.id}/agreements`, { party: 'person', outcome: 'signed', signedOn: today, contentHash: 'a'.repeat(64) })).body.code).toBe('version_changed');
    // Only the référent signs for the team, from their own account.
    const byColleague = await colleague.client.post<{ errors: { field: string; message: string }[] }>(`/api/v1/plan-versions/${v2.id}/agreements`, { party: 'referent', outcome: 'signed', signedOn: today, contentHash: v2.contentHash });
    expect(byColleague.body.errors[0]!.message).toContain('Julien Perrin');
    const signature = `data:image/png;base64,${Buffer.from('png').toString('base64')}`;
    const personSigned = await colleague.client.post<{ status: string }>(`/api/v1/plan-versions/${v2.id}/agreements`, { party: 'person', outcome: 'signed', signatureImage: signature, signedOn: addDays(today, -10), contentHash: v2.contentHash });
    expect(personSigned.body.status).toBe('proposed');
    expect((await colleague.client.post<{ code: string }>(`/api/v1/plan-versions/${v2.id}/agreements`, { party: 'person', outcome: 'signed', signedOn: today, contentHash: v2.contentHash })).body.code).toBe('agreement_already_recorded');
    const agreed = await referent.client.post<{ status: string }>(`/api/v1/plan-versions/${v2.id}/agreements`, { party: 'referent', outcome: 'signed', signedOn: addDays(today, -10), contentHash: v2.contentHash });
    expect(agreed.body.status).toBe('agreed');
    expect((await referent.client.post(`/api/v1/plan-versions/${v2.id}/activate`, { activeFrom: addDays(today, -10) })).status).toBe(204);
    await expect(database.admin.query(`UPDATE agreement SET outcome = 'refused'`)).rejects.toThrow(/never changed/);

    // A third version, with a second goal, agreed with the person refusing to sign (recorded, with what she said).
    plan = await referent.client.get(`/api/v1/episodes/${episodeId}/plan`);
    const current = (await referent.client.get<{ latest: { content: { goals: Record<string, unknown>[] } } }>(`/api/v1/episodes/${episodeId}/plan`)).body.latest.content.goals;
    const v3 = await referent.client.post<{ versionId: string }>(`/api/v1/episodes/${episodeId}/plan/versions`, {
      basedOn: 2,
      content: { goals: [...current.map((g) => ({ ...g, priority: 2 })), goal({ personWording: 'Reprendre contact avec ma fille', domain: 'family', autonomyAim: 'Appeler ma fille chaque dimanche' })] },
      changeNote: 'Après l’entretien du mois',
    });
    const changes = await referent.client.get<{ goals: { change: string; fields?: string[]; personWording: string }[] }>(`/api/v1/plan-versions/${v3.body.versionId}/changes?from=${v2.id}`);
    expect(changes.body.goals).toEqual([
      expect.objectContaining({ change: 'changed', fields: ['priority'] }),
      expect.objectContaining({ change: 'added', personWording: 'Reprendre contact avec ma fille' }),
    ]);
    await referent.client.post(`/api/v1/plan-versions/${v3.body.versionId}/propose`);
    const hash = (await referent.client.get<{ contentHash: string }>(`/api/v1/plan-versions/${v3.body.versionId}`)).body.contentHash;
    const noNote = await referent.client.post<{ errors: { field: string }[] }>(`/api/v1/plan-versions/${v3.body.versionId}/agreements`, { party: 'person', outcome: 'refused', signedOn: today, contentHash: hash });
    expect(noNote.body.errors[0]!.field).toBe('body.refusalNote');
    // Agreed five days ago (entered afterwards): the yearly review counts from that day.
    await referent.client.post(`/api/v1/plan-versions/${v3.body.versionId}/agreements`, { party: 'person', outcome: 'refused', refusalNote: 'D’accord sur les objectifs mais ne veut rien signer.', signedOn: addDays(today, -5), contentHash: hash });
    await referent.client.post(`/api/v1/plan-versions/${v3.body.versionId}/agreements`, { party: 'referent', outcome: 'signed', signedOn: addDays(today, -5), contentHash: hash });
    await referent.client.post(`/api/v1/plan-versions/${v3.body.versionId}/activate`, { activeFrom: today });
    const final = await referent.client.get<{ versions: { number: number; status: string; agreements: { party: string; outcome: string; drawnSignature: boolean }[] }[]; active: { number: number } }>(`/api/v1/episodes/${episodeId}/plan`);
    expect(final.body.active.number).toBe(3);
    expect(final.body.versions.map((v) => [v.number, v.status])).toEqual([[3, 'active'], [2, 'superseded'], [1, 'superseded']]);
    expect(final.body.versions[1]!.agreements).toEqual([expect.objectContaining({ party: 'person', outcome: 'signed', drawnSignature: true }), expect.objectContaining({ party: 'referent', outcome: 'signed' })]);
    expect(final.body.versions[0]!.agreements[0]).toMatchObject({ party: 'person', outcome: 'refused' });
    // The PDF of the version in force: the person's words, the refusal and what she said.
    const pdf = await colleague.client.get<string>(`/api/v1/plan-versions/${v3.body.versionId}/document`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await readPdf(new Uint8Array(pdf.raw.rawPayload))).pages.join(' ');
    expect(text).toContain('Je veux refaire mes courses toute seule');
    expect(text).toContain('Reprendre contact avec ma fille');
    expect(text).toContain('ne veut rien signer');
    expect((await outsider.client.get(`/api/v1/plan-versions/${v3.body.versionId}/document`)).status).toBe(403);
  });
});

describe('evaluations', () => {
  it('scores the goals of the version in force, computes the T-score, and shows each goal’s progress over time', async () => {
    const plan = await referent.client.get<{ active: { id: string; content: { goals: { id: string }[] } } }>(`/api/v1/episodes/${episodeId}/plan`);
    const [g1, g2] = plan.body.active.content.goals;
    const bad = await referent.client.post<{ errors: { field: string }[] }>(`/api/v1/plan-versions/${plan.body.active.id}/evaluations`, { evaluatedOn: today, scores: [{ goalId: crypto.randomUUID(), level: 0 }], participants: [] });
    expect(bad.body.errors[0]!.field).toBe('body.scores.0.goalId');
    expect((await referent.client.post(`/api/v1/plan-versions/${plan.body.active.id}/evaluations`, { evaluatedOn: today, scores: [{ goalId: g1!.id, level: 3 }], participants: [] })).status).toBe(400);
    const first = await referent.client.post<{ tScore: number }>(`/api/v1/plan-versions/${plan.body.active.id}/evaluations`, {
      evaluatedOn: today,
      scores: [{ goalId: g1!.id, level: -1 }, { goalId: g2!.id, level: -1, comment: 'Un appel en un mois' }],
      personView: 'Je sors un peu plus, mais pas encore seule.',
      participants: [{ kind: 'person' }, { kind: 'staff', staffMemberId: referent.id }],
    });
    // Two goals of weight 1 at −1: 50 + 10·(−2)/√(0.7·2 + 0.3·4) = 50 − 20/1.6125 = 37.6
    expect(first.body.tScore).toBe(37.6);
    const second = await referent.client.post<{ tScore: number }>(`/api/v1/plan-versions/${plan.body.active.id}/evaluations`, { evaluatedOn: today, scores: [{ goalId: g1!.id, level: 1 }, { goalId: g2!.id, level: 0 }], participants: [] });
    expect(second.body.tScore).toBe(56.2);
    const after = await colleague.client.get<{ evaluations: { tScore: number; createdByName: string }[]; progress: { goalId: string; points: { level: number }[] }[] }>(`/api/v1/episodes/${episodeId}/plan`);
    expect(after.body.evaluations.map((e) => e.tScore)).toEqual([37.6, 56.2]);
    expect(after.body.progress.find((p) => p.goalId === g1!.id)!.points.map((p) => p.level)).toEqual([-1, 1]);
    await expect(database.admin.query(`UPDATE plan_evaluation SET t_score = 99`)).rejects.toThrow(/never changed/);
    // The record's summary says where the plan stands.
    const summary = await colleague.client.get<{ currentEpisodes: { plan: { status: string; version: number; goals: number } }[] }>(`/api/v1/people/${personId}/summary`);
    expect(summary.body.currentEpisodes[0]!.plan).toEqual({ status: 'active', version: 3, goals: 2 });
  });
});

describe('contract of stay and deadlines', () => {
  it('generates the contract from the template with the episode’s facts, hands it over, has it signed', async () => {
    const unknownField = await coordinator.client.request<{ errors: { message: string }[] }>('PUT', '/api/v1/document-templates/contrat_de_sejour', { title: 'Contrat', body: 'Pour {{personne.nom}} et {{personne.adresse}}' });
    expect(unknownField.body.errors[0]!.message).toContain('{{personne.adresse}}');
    const created = await referent.client.post<{ id: string; number: number }>(`/api/v1/episodes/${episodeId}/contracts`, { kind: 'contrat_de_sejour' });
    expect(created.body.number).toBe(1);
    const [contract] = (await referent.client.get<{ id: string; body: string; contentHash: string; signedOn: string | null }[]>(`/api/v1/episodes/${episodeId}/contracts`)).body;
    expect(contract!.body).toContain('Éloïse Lambert');
    expect(contract!.body).toContain('Accompagnement personnalisé');
    expect(contract!.body).toContain('Julien Perrin');
    expect(contract!.body).not.toContain('{{');
    expect((await referent.client.post(`/api/v1/contracts/${contract!.id}/handed-over`, { on: today })).status).toBe(204);
    await referent.client.post(`/api/v1/contracts/${contract!.id}/agreements`, { party: 'person', outcome: 'signed', signedOn: today, contentHash: contract!.contentHash });
    const signed = await referent.client.post<{ signed: boolean }>(`/api/v1/contracts/${contract!.id}/agreements`, { party: 'referent', outcome: 'signed', signedOn: today, contentHash: contract!.contentHash });
    expect(signed.body.signed).toBe(true);
    const pdf = await referent.client.get<string>(`/api/v1/contracts/${contract!.id}/document`);
    expect((await readPdf(new Uint8Array(pdf.raw.rawPayload))).pages.join(' ')).toContain('Éloïse Lambert');
    await expect(database.admin.query(`UPDATE contract_version SET body = 'autre'`)).rejects.toThrow(/never overwritten/);
  });

  it('computes each episode’s deadlines; lists what is due and overdue for me and, for those who oversee, the structure', async () => {
    // Admitted 40 days ago, nothing done: the contract is overdue (handover at 15 days, signature at one month).
    const late = await admit('Mathéo', addDays(today, -40));
    const deadlines = await referent.client.get<{ kind: string; dueOn: string; status: string; daysLeft: number }[]>(`/api/v1/episodes/${late.episodeId}/deadlines`);
    expect(deadlines.body.map((d) => [d.kind, d.status])).toEqual([
      ['contract_handover', 'overdue'],
      ['contract_signature', 'overdue'],
      ['objectives_annex', 'upcoming'],
    ]);
    expect(deadlines.body[0]).toMatchObject({ dueOn: addDays(addDays(today, -40), 15), daysLeft: -25 });
    // The first episode: contract signed, plan agreed today; a change of situation asks for a review within a month.
    expect((await referent.client.post(`/api/v1/episodes/${episodeId}/situation-changes`, { notedOn: addDays(today, 1), note: 'Demain' })).status).toBe(400);
    expect((await referent.client.post(`/api/v1/episodes/${episodeId}/situation-changes`, { notedOn: today, note: 'Hospitalisation de sa sœur, principale aidante.' })).status).toBe(201);
    const changes = await colleague.client.get<{ note: string; notedByName: string }[]>(`/api/v1/episodes/${episodeId}/situation-changes`);
    expect(changes.body).toEqual([expect.objectContaining({ note: 'Hospitalisation de sa sœur, principale aidante.', notedByName: 'Julien Perrin' })]);
    const first = await referent.client.get<{ kind: string; status: string; dueOn: string }[]>(`/api/v1/episodes/${episodeId}/deadlines`);
    expect(first.body.find((d) => d.kind === 'contract_signature')!.status).toBe('done');
    expect(first.body.find((d) => d.kind === 'plan_review')!.dueOn).toBe(addMonths(addDays(today, -5), 12));
    expect(first.body.find((d) => d.kind === 'situation_review')).toMatchObject({ dueOn: addMonths(today, 1), status: 'upcoming' });

    const mine = await referent.client.get<{ items: { episodeId: string; kind: string; status: string; displayName: string }[] }>('/api/v1/deadlines?scope=mine');
    const overdueOnly = await referent.client.get<{ items: { status: string }[] }>('/api/v1/deadlines?scope=mine&status=overdue');
    expect(overdueOnly.body.items.length).toBe(2);
    expect(overdueOnly.body.items.every((i) => i.status === 'overdue')).toBe(true);
    expect(mine.body.items.filter((i) => i.status === 'overdue').map((i) => [i.displayName, i.kind])).toEqual([
      ['Mathéo Lambert', 'contract_handover'],
      ['Mathéo Lambert', 'contract_signature'],
    ]);
    // Due in about a month: beyond the default 30-day horizon only when the month has 31 days.
    const inMonth = (await referent.client.get<{ items: { kind: string; episodeId: string }[] }>('/api/v1/deadlines?scope=mine&withinDays=31')).body.items;
    expect(inMonth).toContainEqual(expect.objectContaining({ kind: 'situation_review', episodeId }));
    expect((await referent.client.get<{ items: { kind: string }[] }>('/api/v1/deadlines?scope=mine&withinDays=7')).body.items.some((i) => i.kind === 'situation_review')).toBe(false);
    expect((await outsider.client.get<{ items: unknown[] }>('/api/v1/deadlines?scope=mine')).body.items).toEqual([]);
    expect((await referent.client.get('/api/v1/deadlines?scope=structure')).status).toBe(403);
    // Discreet people appear by their initials, in the structure's view too.
    await coordinator.client.patch(`/api/v1/people/${late.personId}`, { discreet: true });
    const structure = await coordinator.client.get<{ items: { displayName: string }[]; total: number }>('/api/v1/deadlines?scope=structure');
    expect(structure.body.items.map((i) => i.displayName)).toContain('M. L.');
    expect(JSON.stringify(structure.body)).not.toContain('Mathéo');
  });

  it('keeps an ended episode’s plan and contract as they were, and signs only the latest contract version', async () => {
    const other = await admit('Noé', addDays(today, -30));
    const key = crypto.randomUUID();
    const body = { basedOn: null, content: { goals: [goal()] } };
    // A save retried with the same key (lost answer) gets the first answer and makes one version.
    const first = await referent.client.post<{ versionId: string }>(`/api/v1/episodes/${other.episodeId}/plan/versions`, body, { 'idempotency-key': key });
    const retried = await referent.client.post<{ versionId: string }>(`/api/v1/episodes/${other.episodeId}/plan/versions`, body, { 'idempotency-key': key });
    expect(retried.body.versionId).toBe(first.body.versionId);
    const v1 = await referent.client.post<{ id: string }>(`/api/v1/episodes/${other.episodeId}/contracts`, { kind: 'dipc' });
    await referent.client.post(`/api/v1/episodes/${other.episodeId}/contracts`, { kind: 'dipc' });
    const [, older] = (await referent.client.get<{ id: string; contentHash: string }[]>(`/api/v1/episodes/${other.episodeId}/contracts`)).body;
    expect(older!.id).toBe(v1.body.id);
    expect((await referent.client.post<{ code: string }>(`/api/v1/contracts/${older!.id}/agreements`, { party: 'person', outcome: 'signed', signedOn: today, contentHash: older!.contentHash })).body.code).toBe('contract_version_not_current');
    expect((await referent.client.post(`/api/v1/episodes/${other.episodeId}/end`, { endedOn: today, endReason: 'person_choice', aftercareNote: 'Souhaite arrêter ; recontact dans trois mois.' })).status).toBe(204);
    expect((await referent.client.post<{ code: string }>(`/api/v1/plan-versions/${first.body.versionId}/propose`)).body.code).toBe('episode_ended');
    expect((await referent.client.post<{ code: string }>(`/api/v1/episodes/${other.episodeId}/contracts`, { kind: 'dipc' })).body.code).toBe('episode_ended');
    expect((await referent.client.get(`/api/v1/episodes/${other.episodeId}/plan`)).status).toBe(200);
  });

  it('lists the structure’s open deadlines exactly as each episode computes them, month ends and leap years included', async () => {
    // Admissions on awkward days: the 31st (one month later is the month's last day), 29 February.
    for (const [name, startedOn] of [['Ambre', '2026-01-31'], ['Basile', '2026-08-31'], ['Capucine', '2024-02-29'], ['Denis', addDays(today, -3)]] as const) {
      const admitted = await admit(name, startedOn);
      if (name === 'Capucine') {
        const saved = await referent.client.post<{ versionId: string }>(`/api/v1/episodes/${admitted.episodeId}/plan/versions`, { basedOn: null, content: { goals: [goal()] } });
        await referent.client.post(`/api/v1/plan-versions/${saved.body.versionId}/propose`);
        const hash = (await referent.client.get<{ contentHash: string }>(`/api/v1/plan-versions/${saved.body.versionId}`)).body.contentHash;
        for (const party of ['person', 'referent']) await referent.client.post(`/api/v1/plan-versions/${saved.body.versionId}/agreements`, { party, outcome: 'signed', signedOn: '2024-08-31', contentHash: hash });
        await referent.client.post(`/api/v1/episodes/${admitted.episodeId}/situation-changes`, { notedOn: addDays(today, -2), note: 'Déménagement' });
      }
    }
    const listed = await coordinator.client.get<{ items: { episodeId: string; kind: string; dueOn: string; status: string; daysLeft: number }[]; total: number }>('/api/v1/deadlines?scope=structure&withinDays=365&limit=500');
    expect(listed.body.total).toBe(listed.body.items.length);
    const episodes = [...new Set((await database.admin.query<{ id: string }>('SELECT id FROM episode WHERE ended_on IS NULL')).rows.map((r) => r.id))];
    const expected = [];
    for (const id of episodes) {
      const own = await coordinator.client.get<{ kind: string; dueOn: string; status: string; daysLeft: number | null }[]>(`/api/v1/episodes/${id}/deadlines`);
      for (const d of own.body) if (d.daysLeft !== null && d.daysLeft <= 365 && d.status !== 'done' && d.status !== 'done_late') expected.push(`${id} ${d.kind} ${d.dueOn} ${d.status} ${d.daysLeft}`);
    }
    expect(listed.body.items.map((i) => `${i.episodeId} ${i.kind} ${i.dueOn} ${i.status} ${i.daysLeft}`).sort()).toEqual(expected.sort());
    expect(listed.body.items.map((i) => i.dueOn)).toContain('2026-02-28');
    expect(listed.body.items.map((i) => i.dueOn)).toContain('2025-08-31');
  });

  it('stops the legal clock for a structure that does not follow it', async () => {
    expect((await org.admin.patch<{ legalClock: boolean }>('/api/v1/organization', { legalClock: false })).body.legalClock).toBe(false);
    const late = await admit('Inès', addDays(today, -40));
    expect((await referent.client.get<unknown[]>(`/api/v1/episodes/${late.episodeId}/deadlines`)).body).toEqual([]);
    await org.admin.patch('/api/v1/organization', { legalClock: true });
  });
});
