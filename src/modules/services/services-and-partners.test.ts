import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp, setUpOrganization, type TestOrganization } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import type { RelaisApp } from '../../server/types.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
let coordinator: Awaited<ReturnType<typeof addStaffMember>>;
let practitioner: Awaited<ReturnType<typeof addStaffMember>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  coordinator = await addStaffMember(app, org, { roles: ['coordinator'] });
  practitioner = await addStaffMember(app, org, { roles: ['practitioner'] });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const peerSupport = {
  name: 'Pair-aidance individuelle',
  kind: 'individual_support',
  defaultDurationMinutes: 45,
  maxDurationMinutes: 45,
  modalities: ['home', 'video', 'phone'],
  caseloadLimitPerPractitioner: 1,
  exclusive: true,
  indicationCriteria: [{ label: 'Demande formulée par la personne elle-même' }, { label: 'Suivi médical en place' }],
  safetyCriteria: [{ label: 'Absence d’idées suicidaires actives', orientation: 'Urgences psychiatriques, 3114' }],
  phases: [
    { code: 'arrival', label: 'Accueil et orientation' },
    { code: 'intensive', label: 'Phase intensive' },
    { code: 'aftercare', label: 'Suivi après accompagnement' },
  ],
};

type Service = { id: string; name: string; indicationCriteria: { id: string; label: string }[]; safetyCriteria: { id: string; orientation: string | null }[]; phases: { code: string }[] };
const count = async (table: string) => (await database.admin.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

describe('services', () => {
  it('refuses an anonymous caller, a practitioner and the administrator, and creates nothing', async () => {
    const before = await count('service');
    expect((await new TestClient(app).post('/api/v1/services', peerSupport)).status).toBe(401);
    expect((await practitioner.client.post<{ code: string }>('/api/v1/services', peerSupport)).status).toBe(403);
    expect((await org.admin.post('/api/v1/services', peerSupport)).status).toBe(403);
    expect(await count('service')).toBe(before);
  });

  it('lets a coordinator configure a service with its rules, criteria and pathway; every colleague reads it', async () => {
    const created = await coordinator.client.post<{ id: string }>('/api/v1/services', peerSupport);
    expect(created.status).toBe(201);
    const list = await practitioner.client.get<Service[]>('/api/v1/services');
    const found = list.body.find((s) => s.id === created.body.id)!;
    expect(found).toMatchObject({ name: 'Pair-aidance individuelle', phases: peerSupport.phases });
    expect(found.indicationCriteria.map((c) => c.label)).toEqual(['Demande formulée par la personne elle-même', 'Suivi médical en place']);
    expect(found.indicationCriteria.every((c) => /^[0-9a-f-]{36}$/.test(c.id))).toBe(true);
    expect(found.safetyCriteria[0]!.orientation).toBe('Urgences psychiatriques, 3114');

    // Editing keeps the ids of the criteria it keeps: decisions already taken refer to them.
    const kept = found.indicationCriteria[0]!;
    expect((await coordinator.client.patch(`/api/v1/services/${found.id}`, { indicationCriteria: [kept, { label: 'Accord pour le partage d’informations' }] })).status).toBe(204);
    const after = (await coordinator.client.get<Service[]>('/api/v1/services')).body.find((s) => s.id === found.id)!;
    expect(after.indicationCriteria[0]).toEqual(kept);
    const events = await database.admin.query("SELECT action FROM audit_event WHERE target_id = $1 ORDER BY id", [found.id]);
    expect(events.rows.map((r) => r.action)).toEqual(['service.created', 'service.updated']);
  });

  it('refuses inconsistent rules field by field', async () => {
    const tooLong = await coordinator.client.post<{ errors: { field: string; message: string }[] }>('/api/v1/services', { ...peerSupport, defaultDurationMinutes: 60 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ field: 'body.defaultDurationMinutes', code: 'invalid', message: 'La durée par défaut dépasse la durée maximale.' }]);
    const bad = await coordinator.client.post<{ errors: { field: string }[] }>('/api/v1/services', { ...peerSupport, modalities: ['teleportation'], caseloadLimitPerPractitioner: 0 });
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['body.caseloadLimitPerPractitioner', 'body.modalities.0']);
    const sameCode = await coordinator.client.post<{ errors: { field: string }[] }>('/api/v1/services', { ...peerSupport, phases: [{ code: 'a1', label: 'A' }, { code: 'a1', label: 'B' }] });
    expect(sameCode.body.errors.map((e) => e.field)).toEqual(['body.phases.1.code']);
  });

  it('archives a service out of the list, keeping it for history', async () => {
    const { body } = await coordinator.client.post<{ id: string }>('/api/v1/services', { ...peerSupport, name: 'Atelier relaxation', kind: 'relaxation_session' });
    expect((await coordinator.client.post(`/api/v1/services/${body.id}/archive`)).status).toBe(204);
    expect((await coordinator.client.get<Service[]>('/api/v1/services')).body.map((s) => s.id)).not.toContain(body.id);
    expect((await coordinator.client.get<Service[]>('/api/v1/services?includeArchived=true')).body.map((s) => s.id)).toContain(body.id);
  });
});

describe('partner structures', () => {
  it('records a partner with its agreement and on-site days, and says whether the agreement is in force', async () => {
    const created = await coordinator.client.post<{ id: string }>('/api/v1/partners', {
      name: 'CCAS de Villeurbanne',
      kind: 'ccas_cias',
      contacts: [{ name: 'Nathalie Roche', role: 'Travailleuse sociale', email: 'n.roche@ccas.example', phone: '04 72 00 00 00' }],
      agreementStart: '2026-01-01',
      agreementEnd: '2027-12-31',
      onsiteWeekdays: [4, 2, 2],
      preferentialRateReference: 'Convention 2026 — tarif partenaire',
    });
    expect(created.status).toBe(201);
    const list = await practitioner.client.get<{ id: string; onsiteWeekdays: number[]; agreementInForce: boolean }[]>('/api/v1/partners');
    expect(list.body.find((p) => p.id === created.body.id)).toMatchObject({ onsiteWeekdays: [2, 4], agreementInForce: true });
    const one = await practitioner.client.get<{ name: string; agreementInForce: boolean }>(`/api/v1/partners/${created.body.id}`);
    expect(one.body).toMatchObject({ name: 'CCAS de Villeurbanne', agreementInForce: true });
    expect((await practitioner.client.get(`/api/v1/partners/${org.organizationId}`)).status).toBe(404);
  });

  it('refuses an agreement that ends before it starts, a weekday that does not exist, and a practitioner', async () => {
    const bad = await coordinator.client.post<{ errors: { field: string }[] }>('/api/v1/partners', { name: 'CAF du Rhône', kind: 'caf', agreementStart: '2026-06-01', agreementEnd: '2026-01-01' });
    expect(bad.body.errors.map((e) => e.field)).toEqual(['body.agreementEnd']);
    const day = await coordinator.client.post<{ errors: { field: string }[] }>('/api/v1/partners', { name: 'MSA', kind: 'msa', onsiteWeekdays: [8] });
    expect(day.body.errors.map((e) => e.field)).toEqual(['body.onsiteWeekdays.0']);
    expect((await practitioner.client.post('/api/v1/partners', { name: 'Mission Locale', kind: 'mission_locale' })).status).toBe(403);
  });
});
