import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../db/transaction.js';
import { person } from '../modules/people/schema.js';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { addStaffMember, buildPerson, buildTestApp, setUpOrganization, type TestOrganization } from '../test/factories.js';
import type { RelaisApp } from './types.js';
import { hashToken, newSecretToken } from '../lib/tokens.js';
import { issueSetupLink } from '../modules/organizations/issue-setup-link.js';
import { setUpOrganization as setUpOrganizationUseCase } from '../modules/organizations/set-up-organization.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
let otherOrganizationId: string;
let personId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  const coordinator = await addStaffMember(app, org, { roles: ['coordinator'] });
  personId = await buildPerson(coordinator.client);
  // A second structure in the same database (a server hosting several organizations): the first-run
  // link is only issued while no organization exists, so this test makes one behind the app's back.
  const token = newSecretToken();
  await database.admin.query('INSERT INTO setup_token (id, token_hash) VALUES (gen_random_uuid(), $1)', [hashToken(token)]);
  const other = await setUpOrganizationUseCase(
    database.db,
    { token, organization: { name: 'Association Horizon', kind: 'association' }, administrator: { firstName: 'Paul', lastName: 'Durand', email: 'paul.durand@horizon.example', password: 'correct horse battery staple', locale: 'fr' } },
    { ip: null, userAgent: null, requestId: null },
    { idleMinutes: 30, absoluteHours: 12 },
  );
  otherOrganizationId = other.organizationId;
  expect(await issueSetupLink(database.db)).toBeNull();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('row level security', () => {
  it('shows a person to their own organization', async () => {
    const rows = await inTenant(database.db, { organizationId: org.organizationId, actorId: null }, (tx) => tx.select({ id: person.id }).from(person).where(eq(person.id, personId)));
    expect(rows).toHaveLength(1);
  });

  it('returns nothing for the same id asked by another organization', async () => {
    const rows = await inTenant(database.db, { organizationId: otherOrganizationId, actorId: null }, (tx) => tx.select({ id: person.id }).from(person).where(eq(person.id, personId)));
    expect(rows).toEqual([]);
  });

  it('returns nothing, not everything, when no organization is set', async () => {
    const rows = await database.db.transaction((tx) => tx.select({ id: person.id }).from(person));
    expect(rows).toEqual([]);
    const staff = await database.db.execute(sql`SELECT count(*)::int AS n FROM staff_member`);
    expect(staff.rows[0]).toEqual({ n: 0 });
  });

  it('refuses to write a row into another organization', async () => {
    await expect(
      inTenant(database.db, { organizationId: org.organizationId, actorId: null }, (tx) =>
        tx.insert(person).values({ organizationId: otherOrganizationId, firstName: 'X', lastName: 'Y', createdBy: org.adminId }),
      ),
    ).rejects.toThrow();
    const count = await database.admin.query('SELECT count(*)::int AS n FROM person WHERE organization_id = $1', [otherOrganizationId]);
    expect(count.rows[0].n).toBe(0);
  });

  it('runs application queries as a role that is neither superuser nor exempt from RLS', async () => {
    const result = await database.pool.query<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT current_user, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user',
    );
    expect(result.rows[0]).toEqual({ current_user: 'relais_app', rolsuper: false, rolbypassrls: false });
  });

  it('forces RLS with a tenant policy on every table that carries organization_id', async () => {
    const tables = await database.admin.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: string[] }>(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
             coalesce(array_agg(p.polname ORDER BY p.polname) FILTER (WHERE p.polname IS NOT NULL), '{}') AS policies
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        LEFT JOIN pg_policy p ON p.polrelid = c.oid
       WHERE c.relkind = 'r'
         AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped) OR c.relname = 'organization')
       GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity`);
    expect(tables.rows.length).toBeGreaterThanOrEqual(13);
    for (const t of tables.rows) {
      expect({ table: t.relname, rls: t.relrowsecurity, forced: t.relforcerowsecurity }).toEqual({ table: t.relname, rls: true, forced: true });
      expect(t.policies).toContain('tenant_isolation');
    }
  });
});
