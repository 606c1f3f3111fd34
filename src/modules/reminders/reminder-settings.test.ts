import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildPerson, buildTestApp, setUpOrganization, testSecretKey, type TestOrganization } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import { createSecretBox } from '../../lib/secret-box.js';
import { smsApiKeyContext, smtpPasswordContext } from './manage-reminder-settings.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
type Staff = Awaited<ReturnType<typeof addStaffMember>>;
let coordinator: Staff;
let practitioner: Staff;
let outsider: Staff;
let clinicalReferent: Staff;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  coordinator = await addStaffMember(app, org, { roles: ['coordinator'], firstName: 'Claire', lastName: 'Fontaine' });
  practitioner = await addStaffMember(app, org, { roles: ['practitioner'], firstName: 'Yanis', lastName: 'Haddad' });
  outsider = await addStaffMember(app, org, { roles: ['practitioner'], firstName: 'Louis', lastName: 'Garnier' });
  clinicalReferent = await addStaffMember(app, org, { roles: ['clinical_referent'], firstName: 'Hélène', lastName: 'Dufour' });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const put = <T = unknown>(client: TestClient, url: string, body: unknown) => client.request<T>('PUT', url, body);
const settingsRow = async () => (await database.admin.query('SELECT * FROM reminder_settings WHERE organization_id = $1', [org.organizationId])).rows[0];
const auditCount = async (action: string, personId?: string) =>
  (await database.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND ($2::uuid IS NULL OR person_id = $2)', [action, personId ?? null])).rows[0]!.n;

const emailOn = {
  leadHours: 48,
  emailRemindersEnabled: true,
  smtpHost: 'smtp.tilleuls.fr',
  smtpPort: 587,
  smtpSecure: false,
  smtpUser: 'rappels@tilleuls.fr',
  smtpPassword: 'mot de passe SMTP',
  smtpFrom: 'rappels@tilleuls.fr',
  smsRemindersEnabled: true,
  smsProviderUrl: 'https://api.sms.exemple.fr/v1/sms',
  smsApiKey: 'cle-secrete-sms',
  smsSender: 'Tilleuls',
};

describe('reminder settings of the structure', () => {
  it('refuses an anonymous caller, and a staff member without the configuration permission', async () => {
    expect((await new TestClient(app).get('/api/v1/reminders/settings')).status).toBe(401);
    const refused = await put<{ code: string }>(practitioner.client, '/api/v1/reminders/settings', emailOn);
    expect(refused.status).toBe(403);
    expect(await settingsRow()).toBeUndefined();
  });

  it('starts switched off, readable by every staff member', async () => {
    const read = await practitioner.client.get<Record<string, unknown>>('/api/v1/reminders/settings');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ leadHours: 24, emailRemindersEnabled: false, smsRemindersEnabled: false, smtpPasswordSet: false, smsApiKeySet: false });
  });

  it('says field by field what a channel needs before it can be switched on', async () => {
    const refused = await put<{ errors: { field: string; message: string }[] }>(coordinator.client, '/api/v1/reminders/settings', { leadHours: 24, emailRemindersEnabled: true, smsRemindersEnabled: true });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e) => e.field).sort()).toEqual(['body.smsApiKey', 'body.smsProviderUrl', 'body.smtpFrom', 'body.smtpHost', 'body.smtpPort']);
    expect(refused.body.errors[0]!.message).toMatch(/Obligatoire/);
    const invalid = await put<{ errors: { field: string }[] }>(coordinator.client, '/api/v1/reminders/settings', { ...emailOn, leadHours: 0, smtpPort: 70000, smsProviderUrl: 'ftp://x', smtpFrom: 'pas une adresse' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e) => e.field).sort()).toEqual(['body.leadHours', 'body.smsProviderUrl', 'body.smtpFrom', 'body.smtpPort']);
    expect(await settingsRow()).toBeUndefined();
  });

  it('keeps the SMTP password and the SMS key encrypted, never returned, kept when left out and removed on null', async () => {
    const saved = await put<Record<string, unknown>>(coordinator.client, '/api/v1/reminders/settings', emailOn);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ leadHours: 48, emailRemindersEnabled: true, smtpPasswordSet: true, smsApiKeySet: true });
    expect(JSON.stringify(saved.body)).not.toContain('mot de passe SMTP');
    const row = await settingsRow();
    expect(row.smtp_password_encrypted).not.toContain('mot de passe');
    const box = createSecretBox(testSecretKey);
    expect(box.open(row.smtp_password_encrypted, smtpPasswordContext(org.organizationId))).toBe('mot de passe SMTP');
    expect(box.open(row.sms_api_key_encrypted, smsApiKeyContext(org.organizationId))).toBe('cle-secrete-sms');
    // Bound to its structure and field: moved to another column it does not open.
    expect(box.open(row.smtp_password_encrypted, smsApiKeyContext(org.organizationId))).toBeNull();

    const { smtpPassword: _p, smsApiKey: _k, ...withoutSecrets } = emailOn;
    const kept = await put<Record<string, unknown>>(coordinator.client, '/api/v1/reminders/settings', { ...withoutSecrets, leadHours: 24 });
    expect(kept.body).toMatchObject({ leadHours: 24, smtpPasswordSet: true, smsApiKeySet: true });
    expect((await settingsRow()).smtp_password_encrypted).toBe(row.smtp_password_encrypted);

    const read = await practitioner.client.get('/api/v1/reminders/settings');
    expect(JSON.stringify(read.body)).not.toMatch(/mot de passe|cle-secrete/);
    const audit = await database.admin.query("SELECT details::text AS d FROM audit_event WHERE action = 'reminder_settings.updated'");
    expect(audit.rows).toHaveLength(2);
    for (const r of audit.rows) expect(r.d).not.toMatch(/mot de passe|cle-secrete|v1:/);

    const cleared = await put<{ errors?: unknown }>(coordinator.client, '/api/v1/reminders/settings', { ...withoutSecrets, smsRemindersEnabled: false, smsApiKey: null });
    expect(cleared.body).toMatchObject({ smsApiKeySet: false, smtpPasswordSet: true });
  });
});

describe('the person’s consent to reminders', () => {
  let personId: string;
  beforeAll(async () => {
    personId = await buildPerson(coordinator.client, { email: 'eloise@exemple.fr' });
    for (const member of [practitioner, clinicalReferent]) {
      const added = await coordinator.client.post(`/api/v1/people/${personId}/care-team`, { staffMemberId: member.id });
      if (added.status >= 300) throw new Error(JSON.stringify(added.body));
    }
  });

  it('refuses an anonymous caller and a staff member outside the care team, and records nothing', async () => {
    expect((await new TestClient(app).get(`/api/v1/people/${personId}/reminder-consent`)).status).toBe(401);
    const read = await outsider.client.get<{ code: string }>(`/api/v1/people/${personId}/reminder-consent`);
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('not_care_team');
    const write = await put(outsider.client, `/api/v1/people/${personId}/reminder-consent`, { email: true, sms: true });
    expect(write.status).toBe(403);
    expect((await database.admin.query('SELECT 1 FROM reminder_consent WHERE person_id = $1', [personId])).rowCount).toBe(0);
    expect(await auditCount('reminder.consent', personId)).toBeGreaterThan(0); // the refusal itself is traced
  });

  it('is off until recorded, says which contacts exist, and is audited', async () => {
    const read = await practitioner.client.get(`/api/v1/people/${personId}/reminder-consent`);
    expect(read.body).toEqual({ email: false, sms: false, hasEmail: true, hasPhone: false, recordedAt: null });
    const saved = await put<{ email: boolean; sms: boolean; recordedAt: string }>(practitioner.client, `/api/v1/people/${personId}/reminder-consent`, { email: true, sms: false });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ email: true, sms: false });
    expect((await practitioner.client.get(`/api/v1/people/${personId}/reminder-consent`)).body).toMatchObject({ email: true, sms: false });
    expect(await auditCount('reminder_consent.updated', personId)).toBe(1);
    expect(await auditCount('reminder_consent.read', personId)).toBe(2);
  });

  it('is read by a clinical referent on the care team but changed only by those who update records', async () => {
    const read = await clinicalReferent.client.get<{ email: boolean }>(`/api/v1/people/${personId}/reminder-consent`);
    expect(read.status).toBe(200);
    expect(read.body.email).toBe(true);
    const write = await put<{ code: string }>(clinicalReferent.client, `/api/v1/people/${personId}/reminder-consent`, { email: false, sms: false });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('forbidden');
    expect((await practitioner.client.get<{ email: boolean }>(`/api/v1/people/${personId}/reminder-consent`)).body.email).toBe(true);
  });

  it('answers 404 for an unknown person and 400 for a malformed body', async () => {
    expect((await practitioner.client.get('/api/v1/people/00000000-0000-4000-8000-000000000000/reminder-consent')).status).toBe(404);
    const bad = await put<{ errors: { field: string }[] }>(practitioner.client, `/api/v1/people/${personId}/reminder-consent`, { email: 'oui' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['body.email', 'body.sms']);
  });
});
