import crypto from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../lib/secret-box.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp, setUpOrganization, testPassword, testSecretKey, uniqueEmail, type TestOrganization } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import type { RelaisApp } from '../../server/types.js';
import { openTotpSecret } from './totp.js';

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

const auditCount = async (action: string, outcome?: string) =>
  (await database.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND ($2::text IS NULL OR outcome = $2)', [action, outcome ?? null])).rows[0]!.n;

function codeFor(secret: string, offsetSteps = 0) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

describe('sign-in', () => {
  it('signs in with the right password, sets a hardened cookie, and audits the success', async () => {
    const member = await addStaffMember(app, org);
    const before = await auditCount('auth.sign_in', 'success');
    const client = new TestClient(app);
    const reply = await client.post<{ stage: string }>('/api/v1/auth/sign-in', { email: member.email.toUpperCase(), password: testPassword });
    expect(reply.status).toBe(200);
    expect(reply.body.stage).toBe('active');
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toMatch(/relais_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await client.get('/api/v1/session')).status).toBe(200);
    expect(await auditCount('auth.sign_in', 'success')).toBe(before + 1);
  });

  it('refuses a wrong password in French by default and in English when asked, and audits the failure', async () => {
    const member = await addStaffMember(app, org);
    const before = await auditCount('auth.sign_in', 'failure');
    const fr = await new TestClient(app).post<{ title: string; code: string }>('/api/v1/auth/sign-in', { email: member.email, password: 'not the right one' });
    expect(fr.status).toBe(401);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.body.title).toBe('Adresse e-mail ou mot de passe incorrect.');
    const en = await new TestClient(app, { 'accept-language': 'en-GB,en;q=0.9' }).post<{ title: string }>('/api/v1/auth/sign-in', { email: member.email, password: 'not the right one' });
    expect(en.body.title).toBe('Wrong email address or password.');
    expect(await auditCount('auth.sign_in', 'failure')).toBe(before + 2);
  });

  it('answers an unknown address exactly like a wrong password, and audits it without the address', async () => {
    const reply = await new TestClient(app).post<{ code: string }>('/api/v1/auth/sign-in', { email: 'nobody@nowhere.example', password: 'whatever password' });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('invalid_credentials');
    const events = await database.admin.query("SELECT details::text AS d FROM audit_event WHERE action = 'auth.sign_in' AND details->>'reason' = 'unknown_account'");
    expect(events.rows.length).toBeGreaterThan(0);
    expect(events.rows.map((r) => r.d).join()).not.toContain('nowhere.example');
  });

  it('locks an account after 5 failures with a clear 429 and a wait time, even for the right password', async () => {
    const member = await addStaffMember(app, org);
    for (let i = 0; i < 5; i++) {
      expect((await new TestClient(app).post('/api/v1/auth/sign-in', { email: member.email, password: `wrong password ${i}` })).status).toBe(401);
    }
    const locked = await new TestClient(app).post<{ code: string; title: string }>('/api/v1/auth/sign-in', { email: member.email, password: testPassword });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(locked.body.title).toMatch(/Trop de tentatives/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits failures per network address across accounts, without counting successes', async () => {
    await database.admin.query("DELETE FROM rate_limit_bucket WHERE key LIKE 'sign-in:address:%'");
    const member = await addStaffMember(app, org);
    for (let i = 0; i < 60; i++) {
      expect((await new TestClient(app).post('/api/v1/auth/sign-in', { email: member.email, password: testPassword })).status).toBe(200);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++) {
      statuses.push((await new TestClient(app).post('/api/v1/auth/sign-in', { email: `someone${i}@exemple.fr`, password: 'a wrong password' })).status);
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses[50]).toBe(429);
    expect((await new TestClient(app).post('/api/v1/auth/sign-in', { email: member.email, password: testPassword })).status).toBe(429);
    await database.admin.query("DELETE FROM rate_limit_bucket WHERE key LIKE 'sign-in:address:%'");
  });

  it('refuses a deactivated account', async () => {
    const member = await addStaffMember(app, org);
    expect((await org.admin.post(`/api/v1/staff/${member.id}/deactivation`)).status).toBe(204);
    const reply = await new TestClient(app).post('/api/v1/auth/sign-in', { email: member.email, password: testPassword });
    expect(reply.status).toBe(401);
    expect((await member.client.get('/api/v1/session')).status).toBe(401);
  });
});

describe('sessions', () => {
  it('ends a session idle longer than the idle limit', async () => {
    const member = await addStaffMember(app, org);
    await database.admin.query("UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE staff_member_id = $1", [member.id]);
    const reply = await member.client.get<{ code: string }>('/api/v1/session');
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('session_expired');
  });

  it('ends a session past its absolute lifetime even when active', async () => {
    const member = await addStaffMember(app, org);
    await database.admin.query("UPDATE session SET expires_at = now() - interval '1 second' WHERE staff_member_id = $1", [member.id]);
    expect((await member.client.get('/api/v1/session')).status).toBe(401);
  });

  it('signs out: the cookie no longer works', async () => {
    const member = await addStaffMember(app, org);
    const token = member.client.cookies.get('relais_session')!;
    expect((await member.client.post('/api/v1/auth/sign-out')).status).toBe(204);
    const replay = new TestClient(app);
    replay.cookies.set('relais_session', token);
    expect((await replay.get('/api/v1/session')).status).toBe(401);
  });

  it('revokes every other session on password change and keeps the current one working', async () => {
    const member = await addStaffMember(app, org);
    const otherDevice = new TestClient(app);
    await otherDevice.post('/api/v1/auth/sign-in', { email: member.email, password: testPassword });
    expect((await otherDevice.get('/api/v1/session')).status).toBe(200);
    const changed = await member.client.post('/api/v1/me/password', { currentPassword: testPassword, newPassword: 'a brand new passphrase' });
    expect(changed.status).toBe(204);
    expect((await otherDevice.get('/api/v1/session')).status).toBe(401);
    expect((await member.client.get('/api/v1/session')).status).toBe(200);
    expect((await new TestClient(app).post('/api/v1/auth/sign-in', { email: member.email, password: 'a brand new passphrase' })).status).toBe(200);
  });

  it('refuses a new password shorter than 12 characters, field by field, and keeps the old one', async () => {
    const member = await addStaffMember(app, org);
    const reply = await member.client.post<{ errors: { field: string; message: string }[] }>('/api/v1/me/password', { currentPassword: testPassword, newPassword: 'short' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ field: 'body.newPassword', code: 'too_small', message: 'Doit contenir au moins 12 caractères.' }]);
    expect((await new TestClient(app).post('/api/v1/auth/sign-in', { email: member.email, password: testPassword })).status).toBe(200);
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const member = await addStaffMember(app, org);
    const hash = async () => (await database.admin.query('SELECT password_hash FROM staff_member WHERE id = $1', [member.id])).rows[0].password_hash as string;
    const before = await hash();
    const reply = await member.client.post<{ errors: { field: string }[] }>('/api/v1/me/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0]!.field).toBe('body.currentPassword');
    expect(await hash()).toBe(before);
  });
});

describe('CSRF protection', () => {
  it('refuses a signed-in change without the CSRF token, and changes nothing', async () => {
    const member = await addStaffMember(app, org, { roles: ['coordinator'] });
    const count = async () => (await database.admin.query('SELECT count(*)::int AS n FROM person')).rows[0].n as number;
    const before = await count();
    const reply = await member.client.post<{ code: string }>('/api/v1/people', { firstName: 'Jeanne', lastName: 'Moreau' }, { 'x-csrf-token': 'forged' });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('csrf_failed');
    expect(await count()).toBe(before);
  });

  it('refuses a state-changing request coming from another site', async () => {
    const reply = await new TestClient(app, { origin: 'https://evil.example' }).post<{ code: string }>('/api/v1/auth/sign-in', { email: 'a@b.fr', password: 'whatever password' });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('csrf_failed');
  });
});

describe('two-factor authentication', () => {
  it('enrols with an authenticator app, then asks for a code at every sign-in, and refuses a replayed code', async () => {
    const member = await addStaffMember(app, org);
    const enrolment = await member.client.post<{ secret: string; otpauthUri: string; qrCodeSvg: string }>('/api/v1/me/two-factor/enrolment');
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Relais:/);
    expect(enrolment.body.qrCodeSvg).toMatch(/^<svg/);
    const wrong = await member.client.post('/api/v1/me/two-factor/confirmation', { code: '000000' === codeFor(enrolment.body.secret) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect((await member.client.post('/api/v1/me/two-factor/confirmation', { code: codeFor(enrolment.body.secret) })).status).toBe(204);
    await member.client.refresh();

    const client = new TestClient(app);
    const first = await client.post<{ stage: string }>('/api/v1/auth/sign-in', { email: member.email, password: testPassword });
    expect(first.body.stage).toBe('totp_pending');
    await client.refresh();
    const blocked = await client.get<{ code: string }>('/api/v1/people');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('second_factor_required');
    // The code used for confirmation was spent; the next time step's code works.
    const replay = await client.post<{ code: string }>('/api/v1/auth/second-factor', { code: codeFor(enrolment.body.secret) });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_totp');
    const ok = await client.post('/api/v1/auth/second-factor', { code: codeFor(enrolment.body.secret, 1) });
    expect(ok.status).toBe(200);
    const session = await client.refresh();
    expect(session.body.stage).toBe('active');
  });

  it('when the organization makes it mandatory, a new sign-in must enrol before anything else', async () => {
    const member = await addStaffMember(app, org);
    expect((await org.admin.patch('/api/v1/organization', { requireTwoFactor: true })).status).toBe(200);
    try {
      const client = new TestClient(app);
      const signIn = await client.post<{ stage: string }>('/api/v1/auth/sign-in', { email: member.email, password: testPassword });
      expect(signIn.body.stage).toBe('totp_enrollment');
      await client.refresh();
      expect((await client.get<{ code: string }>('/api/v1/staff/directory')).body).toMatchObject({ code: 'two_factor_enrollment_required' });
      const enrolment = await client.post<{ secret: string }>('/api/v1/me/two-factor/enrolment');
      expect((await client.post('/api/v1/me/two-factor/confirmation', { code: codeFor(enrolment.body.secret) })).status).toBe(204);
      expect((await client.get('/api/v1/staff/directory')).status).toBe(200);
      expect((await client.post<{ code: string }>('/api/v1/me/two-factor/deactivation', { password: testPassword, code: codeFor(enrolment.body.secret, 1) })).body).toMatchObject({ code: 'two_factor_required_by_organization' });
    } finally {
      await org.admin.patch('/api/v1/organization', { requireTwoFactor: false });
    }
  });

  it('limits wrong second-factor codes per account', async () => {
    const member = await addStaffMember(app, org);
    const { body } = await member.client.post<{ secret: string }>('/api/v1/me/two-factor/enrolment');
    await member.client.post('/api/v1/me/two-factor/confirmation', { code: codeFor(body.secret) });
    const client = new TestClient(app);
    await client.post('/api/v1/auth/sign-in', { email: member.email, password: testPassword });
    await client.refresh();
    const valid = new Set([codeFor(body.secret, -1), codeFor(body.secret), codeFor(body.secret, 1)]);
    const wrongCodes = ['123456', '234567', '345678', '456789', '567890', '678901'].filter((c) => !valid.has(c));
    const statuses = [];
    for (const code of wrongCodes.slice(0, 5)) statuses.push((await client.post('/api/v1/auth/second-factor', { code })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await client.post('/api/v1/auth/second-factor', { code: codeFor(body.secret, 1) })).status).toBe(429);
  });
});

describe('two-factor secrets at rest', () => {
  const storedSecret = async (staffMemberId: string) =>
    (await database.admin.query<{ s: string | null }>('SELECT totp_secret AS s FROM staff_member WHERE id = $1', [staffMemberId])).rows[0]!.s;

  /** A colleague with two-factor on; returns the secret their authenticator app holds. */
  async function enrolled() {
    const member = await addStaffMember(app, org);
    const enrolment = await member.client.post<{ secret: string }>('/api/v1/me/two-factor/enrolment');
    expect(enrolment.status).toBe(200);
    const secret = enrolment.body.secret;
    expect(await storedSecret(member.id)).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect((await member.client.post('/api/v1/me/two-factor/confirmation', { code: codeFor(secret) })).status).toBe(204);
    return { member, secret };
  }

  async function pendingSignIn(email: string, on: RelaisApp = app) {
    const client = new TestClient(on);
    expect((await client.post<{ stage: string }>('/api/v1/auth/sign-in', { email, password: testPassword })).body.stage).toBe('totp_pending');
    await client.refresh();
    return client;
  }

  it('never stores the secret in clear, and its codes still verify', async () => {
    const { member, secret } = await enrolled();
    const stored = (await storedSecret(member.id))!;
    expect(stored).not.toContain(secret);
    expect(stored.toUpperCase()).not.toContain(secret.toUpperCase());
    expect(openTotpSecret(createSecretBox(testSecretKey), member.id, stored)).toEqual({ secretBase32: secret, legacy: false });
    const client = await pendingSignIn(member.email);
    expect((await client.post('/api/v1/auth/second-factor', { code: codeFor(secret, 1) })).status).toBe(200);
    expect(await storedSecret(member.id)).toBe(stored);
  });

  it('fails closed under another key: the code is refused (no 500), the refusal audited, the secret left alone', async () => {
    const { member, secret } = await enrolled();
    const stored = await storedSecret(member.id);
    const otherInstallation = await buildTestApp(database, { secretKey: crypto.randomBytes(32) });
    try {
      const before = await auditCount('auth.second_factor', 'failure');
      const client = await pendingSignIn(member.email, otherInstallation);
      const reply = await client.post<{ code: string }>('/api/v1/auth/second-factor', { code: codeFor(secret, 1) });
      expect(reply.status).toBe(401);
      expect(reply.body.code).toBe('invalid_totp');
      expect(await auditCount('auth.second_factor', 'failure')).toBe(before + 1);
      const events = await database.admin.query("SELECT 1 FROM audit_event WHERE action = 'auth.second_factor' AND actor_id = $1 AND details->>'reason' = 'secret_unreadable'", [member.id]);
      expect(events.rowCount).toBe(1);
      expect((await client.get('/api/v1/people')).status).toBe(403);
      expect(await storedSecret(member.id)).toBe(stored);
      const disable = await member.client.post('/api/v1/me/two-factor/deactivation', { password: testPassword, code: codeFor(secret, 1) });
      expect(disable.status).toBe(204); // the right key still opens it: nothing was overwritten
    } finally {
      await otherInstallation.close();
    }
  });

  it('refuses a sealed secret copied onto another account', async () => {
    const { member: victim } = await enrolled();
    const { member: attacker, secret: attackerSecret } = await enrolled();
    await database.admin.query('UPDATE staff_member SET totp_secret = (SELECT totp_secret FROM staff_member WHERE id = $1) WHERE id = $2', [attacker.id, victim.id]);
    const client = await pendingSignIn(victim.email);
    expect((await client.post('/api/v1/auth/second-factor', { code: codeFor(attackerSecret, 1) })).status).toBe(401);
  });

  it('still accepts a secret stored in clear before encryption, and encrypts it on its next use', async () => {
    const { member, secret } = await enrolled();
    await database.admin.query('UPDATE staff_member SET totp_secret = $1 WHERE id = $2', [secret, member.id]);
    const wrong = await (await pendingSignIn(member.email)).post('/api/v1/auth/second-factor', { code: codeFor(secret) === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(await storedSecret(member.id)).toBe(secret); // a failed attempt changes nothing
    const client = await pendingSignIn(member.email);
    expect((await client.post('/api/v1/auth/second-factor', { code: codeFor(secret, 1) })).status).toBe(200);
    const stored = (await storedSecret(member.id))!;
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret);
    expect(openTotpSecret(createSecretBox(testSecretKey), member.id, stored)).toEqual({ secretBase32: secret, legacy: false });
  });
});

describe('first-run setup', () => {
  it('the setup link has been spent and cannot set up a second administrator', async () => {
    const reply = await new TestClient(app).post<{ code: string }>('/api/v1/setup', {
      token: 'x'.repeat(43),
      organization: { name: 'Autre', kind: 'essms' },
      administrator: { firstName: 'A', lastName: 'B', email: uniqueEmail(), password: testPassword, locale: 'fr' },
    });
    expect(reply.status).toBe(410);
    expect(reply.body.code).toBe('link_invalid');
  });
});
