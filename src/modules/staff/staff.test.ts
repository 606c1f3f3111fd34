import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp, setUpOrganization, testPassword, uniqueEmail, type TestOrganization } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import type { RelaisApp } from '../../server/types.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const passwordHashOf = async (email: string) => (await database.admin.query('SELECT password_hash FROM staff_member WHERE email = $1', [email])).rows[0]?.password_hash as string | undefined;

async function invite(email: string, roles = ['practitioner']) {
  return org.admin.post<{ invitationId: string; link: string; code?: string }>('/api/v1/staff/invitations', { email, firstName: 'Léa', lastName: 'Rousseau', roleIds: roles.map(org.roleId), disciplineIds: [org.disciplineId('nurse')] });
}

describe('staff invitations', () => {
  it('refuses an anonymous caller and a staff member who is not an administrator, and creates nothing', async () => {
    const coordinator = await addStaffMember(app, org, { roles: ['coordinator'] });
    const before = (await database.admin.query('SELECT count(*)::int AS n FROM invitation')).rows[0].n;
    const body = { email: uniqueEmail(), firstName: 'A', lastName: 'B', roleIds: [org.roleId('practitioner')], disciplineIds: [] };
    expect((await new TestClient(app).post('/api/v1/staff/invitations', body)).status).toBe(401);
    const refused = await coordinator.client.post<{ code: string }>('/api/v1/staff/invitations', body);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await database.admin.query('SELECT count(*)::int AS n FROM invitation')).rows[0].n).toBe(before);
  });

  it('creates an account from a one-time link with the roles and disciplines chosen; the link then stops working', async () => {
    const email = uniqueEmail('lea');
    const created = await invite(email, ['coordinator']);
    expect(created.status).toBe(201);
    expect(created.body.link).toMatch(/^http:\/\/relais\.test\/invitation#[\w-]{40,}$/);
    const token = created.body.link.split('#')[1]!;
    const lookup = await new TestClient(app).post<{ email: string; organizationName: string }>('/api/v1/invitations/lookup', { token });
    expect(lookup.body).toMatchObject({ email, organizationName: 'Clinique des Tilleuls' });
    const client = new TestClient(app);
    expect((await client.post('/api/v1/invitations/acceptance', { token, password: testPassword, locale: 'en' })).status).toBe(201);
    const session = await client.refresh();
    expect(session.body).toMatchObject({ stage: 'active', roles: ['coordinator'], staffMember: { email, locale: 'en' }, organization: { name: 'Clinique des Tilleuls', timeZone: 'Europe/Paris' } });
    const again = await new TestClient(app).post<{ code: string }>('/api/v1/invitations/acceptance', { token, password: 'another password entirely', locale: 'fr' });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('link_invalid');
    const staff = await org.admin.get<{ staff: { email: string; disciplineIds: string[] }[] }>('/api/v1/staff');
    expect(staff.body.staff.find((s) => s.email === email)?.disciplineIds).toEqual([org.disciplineId('nurse')]);
  });

  it('never resets an existing account: inviting its address is refused and its password is unchanged', async () => {
    const member = await addStaffMember(app, org);
    const before = await passwordHashOf(member.email);
    const reply = await invite(member.email.toUpperCase());
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('email_taken');
    expect(await passwordHashOf(member.email)).toBe(before);
  });

  it('refuses an acceptance when the address got an account meanwhile, and that account stays as it was', async () => {
    const email = uniqueEmail('race');
    const created = await invite(email);
    const token = created.body.link.split('#')[1]!;
    // The same address is set up through a second invitation accepted first.
    await database.admin.query('UPDATE invitation SET revoked_at = now() WHERE email = $1', [email]);
    const second = await invite(email);
    await new TestClient(app).post('/api/v1/invitations/acceptance', { token: second.body.link.split('#')[1]!, password: testPassword, locale: 'fr' });
    await database.admin.query('UPDATE invitation SET revoked_at = NULL WHERE id = $1', [created.body.invitationId]);
    const before = await passwordHashOf(email);
    const reply = await new TestClient(app).post<{ code: string }>('/api/v1/invitations/acceptance', { token, password: 'somebody else entirely', locale: 'fr' });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('email_taken');
    expect(await passwordHashOf(email)).toBe(before);
    expect((await new TestClient(app).post('/api/v1/auth/sign-in', { email, password: testPassword })).status).toBe(200);
  });

  it('explains each invalid field in French', async () => {
    const reply = await org.admin.post<{ errors: { field: string; message: string }[] }>('/api/v1/staff/invitations', { email: 'not-an-email', firstName: '  ', lastName: 'B', roleIds: [], disciplineIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(reply.status).toBe(400);
    const fields = Object.fromEntries(reply.body.errors.map((e) => [e.field, e.message]));
    expect(fields['body.email']).toBe('Adresse e-mail invalide.');
    expect(fields['body.firstName']).toBe('Ce champ est obligatoire.');
    expect(Object.keys(fields)).toContain('body.roleIds');
  });

  it('refuses a role that belongs to no role of this organization', async () => {
    const reply = await org.admin.post<{ errors: { field: string }[] }>('/api/v1/staff/invitations', { email: uniqueEmail(), firstName: 'A', lastName: 'B', roleIds: ['00000000-0000-4000-8000-000000000000'], disciplineIds: [] });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e) => e.field)).toEqual(['body.roleIds.0']);
  });

  it('revokes a pending invitation', async () => {
    const created = await invite(uniqueEmail());
    expect((await org.admin.delete(`/api/v1/staff/invitations/${created.body.invitationId}`)).status).toBe(204);
    const token = created.body.link.split('#')[1]!;
    expect((await new TestClient(app).post('/api/v1/invitations/lookup', { token })).status).toBe(410);
  });
});

describe('staff administration', () => {
  it('sets roles and disciplines; permissions follow at once', async () => {
    const member = await addStaffMember(app, org, { roles: ['billing'] });
    expect((await member.client.get('/api/v1/people')).status).toBe(403);
    expect((await org.admin.patch(`/api/v1/staff/${member.id}`, { roleIds: [org.roleId('practitioner')], disciplineIds: [org.disciplineId('psychologist')] })).status).toBe(204);
    expect((await member.client.get('/api/v1/people')).status).toBe(200);
  });

  it('deactivation closes the account’s sessions at once; reactivation lets it sign in again', async () => {
    const member = await addStaffMember(app, org);
    expect((await org.admin.post(`/api/v1/staff/${member.id}/deactivation`)).status).toBe(204);
    expect((await member.client.get('/api/v1/session')).status).toBe(401);
    expect((await org.admin.post(`/api/v1/staff/${member.id}/reactivation`)).status).toBe(204);
    expect((await new TestClient(app).post('/api/v1/auth/sign-in', { email: member.email, password: testPassword })).status).toBe(200);
  });

  it('refuses to leave an account with no role, field by field', async () => {
    const member = await addStaffMember(app, org);
    const reply = await org.admin.patch<{ errors: { field: string }[] }>(`/api/v1/staff/${member.id}`, { roleIds: [] });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e) => e.field)).toEqual(['body.roleIds']);
    const roles = await database.admin.query('SELECT count(*)::int AS n FROM staff_role WHERE staff_member_id = $1', [member.id]);
    expect(roles.rows[0].n).toBe(1);
  });

  it('keeps at least one active administrator', async () => {
    const reply = await org.admin.post<{ code: string }>(`/api/v1/staff/${org.adminId}/deactivation`);
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('last_administrator');
    const demote = await org.admin.patch<{ code: string }>(`/api/v1/staff/${org.adminId}`, { roleIds: [org.roleId('coordinator')] });
    expect(demote.body.code).toBe('last_administrator');
    expect((await org.admin.get('/api/v1/staff')).status).toBe(200);
  });

  it('two administrators deactivating each other at the same moment: exactly one succeeds', async () => {
    const a = await addStaffMember(app, org, { roles: ['administrator'] });
    const b = await addStaffMember(app, org, { roles: ['administrator'] });
    // Leave only a and b as administrators.
    await database.admin.query("UPDATE staff_member SET status = 'deactivated' WHERE id = $1", [org.adminId]);
    try {
      const results = await Promise.all([a.client.post(`/api/v1/staff/${b.id}/deactivation`), b.client.post(`/api/v1/staff/${a.id}/deactivation`)]);
      const statuses = results.map((r) => r.status).sort();
      // The loser either sees the last-administrator rule or finds its own session already closed.
      expect(statuses[0]).toBe(204);
      expect([401, 409]).toContain(statuses[1]);
      const active = await database.admin.query("SELECT count(*)::int AS n FROM staff_member WHERE id = ANY($1) AND status = 'active'", [[a.id, b.id]]);
      expect(active.rows[0].n).toBe(1);
    } finally {
      await database.admin.query("UPDATE staff_member SET status = 'active' WHERE id = $1", [org.adminId]);
    }
  });

  it('every change to staff is audited with its author', async () => {
    const member = await addStaffMember(app, org);
    await org.admin.patch(`/api/v1/staff/${member.id}`, { disciplineIds: [org.disciplineId('educator')] });
    const events = await database.admin.query('SELECT action, actor_id FROM audit_event WHERE target_id = $1 ORDER BY id', [member.id]);
    expect(events.rows).toContainEqual({ action: 'staff.updated', actor_id: org.adminId });
  });
});
