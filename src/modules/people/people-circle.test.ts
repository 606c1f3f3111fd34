import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildPerson, buildTestApp, setUpOrganization, type TestOrganization } from '../../test/factories.js';
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

type Duplicates = { code: string; details: { duplicates: { person: { id: string; displayName: string } | null; similarity: number }[] } };
const count = async (sql: string, params: unknown[] = []) => (await database.admin.query(sql, params)).rows[0].n as number;

describe('duplicate warning before a record is created', () => {
  let eloise: string;
  beforeAll(async () => {
    eloise = await buildPerson(coordinator.client, { firstName: 'Éloïse', lastName: 'Lefèvre', birthDate: '1987-03-14' });
  });

  it('stops "Eloise Lefevre" born the same day, showing the existing record to its care team', async () => {
    const reply = await coordinator.client.post<Duplicates>('/api/v1/people', { firstName: 'Eloise', lastName: 'Lefevre', birthDate: '1987-03-14' });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('possible_duplicate');
    expect(reply.body.details.duplicates).toEqual([{ person: { id: eloise, displayName: 'Éloïse Lefèvre', birthDate: '1987-03-14' }, similarity: 1 }]);
  });

  it('catches a typo and swapped names, but tells someone outside the care team only that a record exists', async () => {
    const before = await count('SELECT count(*)::int AS n FROM person');
    const reply = await practitioner.client.post<Duplicates>('/api/v1/people', { firstName: 'Lefebvre', lastName: 'Eloise', birthDate: '1987-03-14' });
    expect(reply.status).toBe(409);
    expect(reply.body.details.duplicates).toHaveLength(1);
    expect(reply.body.details.duplicates[0]!.person).toBeNull();
    expect(JSON.stringify(reply.body)).not.toContain(eloise);
    expect(await count('SELECT count(*)::int AS n FROM person')).toBe(before);
  });

  it('lets the creator confirm it is someone else, and does not stop a namesake born another day', async () => {
    expect((await practitioner.client.post('/api/v1/people', { firstName: 'Eloise', lastName: 'Lefebvre', birthDate: '1987-03-14', duplicatesAcknowledged: true })).status).toBe(201);
    expect((await coordinator.client.post('/api/v1/people', { firstName: 'Éloïse', lastName: 'Lefèvre', birthDate: '2001-09-30' })).status).toBe(201);
    expect((await coordinator.client.post('/api/v1/people', { firstName: 'Marie', lastName: 'Lefèvre', birthDate: '1987-03-14' })).status).toBe(201);
  });

  it('answers the same question without creating anything, and audits it', async () => {
    const check = await coordinator.client.post<Duplicates['details']['duplicates']>('/api/v1/people/duplicate-check', { firstName: 'ELOISE', lastName: 'lefevre', birthDate: '1987-03-14' });
    expect(check.status).toBe(200);
    expect(check.body.map((d) => d.person?.id ?? null)).toContain(eloise);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'person.duplicate_check' AND actor_id = $1", [coordinator.id])).toBeGreaterThan(0);
  });
});

describe('discreet people', () => {
  it('appear under their alias, or initials, in lists and searches, and in full only inside the record', async () => {
    const withAlias = await buildPerson(coordinator.client, { firstName: 'Victor', lastName: 'Delaunay', birthDate: '1970-01-02', discreet: true, alias: 'Monsieur V.' });
    const withoutAlias = await buildPerson(coordinator.client, { firstName: 'Zoé', lastName: 'Marchetti', birthDate: '1990-06-07', discreet: true });
    const list = await coordinator.client.get<{ items: { id: string; displayName: string; firstName: string | null; lastName: string | null; birthDate: string | null }[] }>('/api/v1/people?limit=200');
    const shown = Object.fromEntries(list.body.items.map((i) => [i.id, i]));
    expect(shown[withAlias]).toMatchObject({ displayName: 'Monsieur V.', firstName: null, lastName: null, birthDate: null });
    expect(shown[withoutAlias]).toMatchObject({ displayName: 'Z. M.', firstName: null, lastName: null });
    expect(JSON.stringify(list.body)).not.toMatch(/Delaunay|Marchetti/);
    const search = await coordinator.client.get<{ items: { id: string; displayName: string }[] }>('/api/v1/people?q=delaunay');
    expect(search.body.items).toEqual([expect.objectContaining({ id: withAlias, displayName: 'Monsieur V.' })]);
    const record = await coordinator.client.get<{ firstName: string; lastName: string }>(`/api/v1/people/${withAlias}`);
    expect(record.body).toMatchObject({ firstName: 'Victor', lastName: 'Delaunay' });
  });
});

describe('people search and filters', () => {
  it('finds names without accents and with typos, and filters by public', async () => {
    const teen = await buildPerson(coordinator.client, { firstName: 'Théo', lastName: 'Grégoire', birthDate: '2011-05-05', publicCategory: 'adolescent' });
    const byAccentless = await coordinator.client.get<{ items: { id: string }[] }>('/api/v1/people?q=theo%20gregoire');
    expect(byAccentless.body.items[0]!.id).toBe(teen);
    const byTypo = await coordinator.client.get<{ items: { id: string }[] }>('/api/v1/people?q=gregoir');
    expect(byTypo.body.items.map((i) => i.id)).toContain(teen);
    const teens = await coordinator.client.get<{ items: { id: string; publicCategory: string }[] }>('/api/v1/people?category=adolescent');
    expect(teens.body.items.map((i) => i.id)).toEqual([teen]);
  });

  it('says when a search matched more people than one page shows', async () => {
    for (const firstName of ['Lucas', 'Lucie', 'Luc']) await buildPerson(coordinator.client, { firstName, lastName: 'Quintavalle', birthDate: null, duplicatesAcknowledged: true });
    const page = await coordinator.client.get<{ items: unknown[]; moreMatches: boolean; nextCursor: string | null }>('/api/v1/people?q=quintavalle&limit=2');
    expect(page.body).toMatchObject({ moreMatches: true, nextCursor: null });
    expect(page.body.items).toHaveLength(2);
    const all = await coordinator.client.get<{ items: unknown[]; moreMatches: boolean }>('/api/v1/people?q=quintavalle&limit=10');
    expect(all.body.items).toHaveLength(3);
    expect(all.body.moreMatches).toBe(false);
  });
});

describe("a person's circle", () => {
  it('records relatives; a minor needs a legal representative, and the record says when one is recorded', async () => {
    const minor = await buildPerson(coordinator.client, { firstName: 'Lina', lastName: 'Bouzid', birthDate: '2012-02-10', publicCategory: 'adolescent' });
    const before = await coordinator.client.get<{ age: number; needsLegalRepresentative: boolean; legalRepresentativeRecorded: boolean }>(`/api/v1/people/${minor}`);
    expect(before.body).toMatchObject({ needsLegalRepresentative: true, legalRepresentativeRecorded: false });
    const mother = await coordinator.client.post<{ id: string }>(`/api/v1/people/${minor}/relatives`, {
      firstName: 'Samira',
      lastName: 'Bouzid',
      relationship: 'parent',
      phone: '06 12 34 56 78',
      isLegalRepresentative: true,
      isTrustedPerson: true,
      takesPartInPlan: true,
    });
    expect(mother.status).toBe(201);
    const after = await coordinator.client.get<{ legalRepresentativeRecorded: boolean }>(`/api/v1/people/${minor}`);
    expect(after.body.legalRepresentativeRecorded).toBe(true);

    const second = await coordinator.client.post<{ code: string }>(`/api/v1/people/${minor}/relatives`, { firstName: 'Karim', lastName: 'Bouzid', relationship: 'parent', isTrustedPerson: true });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('trusted_person_exists');

    const circle = await coordinator.client.get<{ id: string; isTrustedPerson: boolean }[]>(`/api/v1/people/${minor}/relatives`);
    expect(circle.body).toEqual([expect.objectContaining({ id: mother.body.id, isTrustedPerson: true })]);
    expect((await coordinator.client.delete(`/api/v1/people/${minor}/relatives/${mother.body.id}`)).status).toBe(204);
    expect((await coordinator.client.get<unknown[]>(`/api/v1/people/${minor}/relatives`)).body).toEqual([]);
    const events = await database.admin.query("SELECT action FROM audit_event WHERE person_id = $1 AND action LIKE 'relative.%' ORDER BY id", [minor]);
    expect(events.rows.map((r) => r.action)).toEqual(['relative.added', 'relative.listed', 'relative.removed', 'relative.listed']);
  });

  it('refuses the circle to staff outside the care team, and changes nothing', async () => {
    const someone = await buildPerson(coordinator.client, { firstName: 'Paul', lastName: 'Quéré', birthDate: '1960-12-12' });
    const before = await count('SELECT count(*)::int AS n FROM relative');
    expect((await practitioner.client.get(`/api/v1/people/${someone}/relatives`)).status).toBe(403);
    expect((await practitioner.client.post(`/api/v1/people/${someone}/relatives`, { firstName: 'A', lastName: 'B', relationship: 'friend' })).status).toBe(403);
    expect((await org.admin.get(`/api/v1/people/${someone}/relatives`)).status).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM relative')).toBe(before);
  });

  it('updates a record, auditing which fields changed, and explains bad input field by field', async () => {
    const someone = await buildPerson(coordinator.client, { firstName: 'Anaïs', lastName: 'Perrot', birthDate: '1985-08-08' });
    expect((await coordinator.client.patch(`/api/v1/people/${someone}`, { phone: '+33 6 11 22 33 44', protectionMeasure: 'curatelle' })).status).toBe(204);
    const record = await coordinator.client.get<{ phone: string; needsLegalRepresentative: boolean }>(`/api/v1/people/${someone}`);
    expect(record.body).toMatchObject({ phone: '+33 6 11 22 33 44', needsLegalRepresentative: true });
    const event = await database.admin.query("SELECT details FROM audit_event WHERE person_id = $1 AND action = 'person.updated'", [someone]);
    expect(event.rows[0].details).toEqual({ fields: ['phone', 'protectionMeasure'] });
    const bad = await coordinator.client.patch<{ errors: { field: string }[] }>(`/api/v1/people/${someone}`, { phone: 'call me', preferredLanguage: 'Français', publicCategory: 'vip' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['body.phone', 'body.preferredLanguage', 'body.publicCategory']);
    expect((await practitioner.client.patch(`/api/v1/people/${someone}`, { phone: '0102030405' })).status).toBe(403);
  });
});
