import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../lib/secret-box.js';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildPerson, buildTestApp, setUpOrganization, testSecretKey, type TestOrganization } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import { sendDueReminders, startReminderDispatcher, type DispatchReport } from './send-due-reminders.js';
import { decodeMail, startSmsGateway, startSmtpReceiver, type SmsGateway, type SmtpReceiver } from './test-receivers.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
type Staff = Awaited<ReturnType<typeof addStaffMember>>;
let coordinator: Staff;
let outsider: Staff;
let smtp: SmtpReceiver;
let gateway: SmsGateway;
let serviceId: string;
const secretBox = createSecretBox(testSecretKey);
const dispatch = () => sendDueReminders({ db: database.db, secretBox });

const hour = 3_600_000;
/** A session `hours` from now on a quarter hour; tests use whole hours apart, so the coordinator's sessions never overlap. */
function inHours(hours: number, minutes = 45): { startsAt: string; endsAt: string } {
  const start = new Date(Math.floor((Date.now() + hours * hour) / 900_000) * 900_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + minutes * 60_000).toISOString() };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  coordinator = await addStaffMember(app, org, { roles: ['coordinator'], firstName: 'Claire', lastName: 'Fontaine' });
  outsider = await addStaffMember(app, org, { roles: ['practitioner'], firstName: 'Louis', lastName: 'Garnier' });
  smtp = await startSmtpReceiver({ user: 'rappels@tilleuls.fr', password: 'mot de passe SMTP' });
  gateway = await startSmsGateway('cle-api-sms');
  const service = await coordinator.client.post<{ id: string }>('/api/v1/services', {
    name: 'Accompagnement par les pairs',
    kind: 'individual_support',
    defaultDurationMinutes: 45,
    maxDurationMinutes: 45,
    modalities: ['on_site', 'video', 'home', 'phone'],
  });
  if (service.status !== 201) throw new Error(JSON.stringify(service.body));
  serviceId = service.body.id;
  const settings = await coordinator.client.request('PUT', '/api/v1/reminders/settings', {
    leadHours: 24,
    emailRemindersEnabled: true,
    smtpHost: '127.0.0.1',
    smtpPort: smtp.port,
    smtpSecure: false,
    smtpUser: 'rappels@tilleuls.fr',
    smtpPassword: 'mot de passe SMTP',
    smtpFrom: 'rappels@tilleuls.fr',
    smsRemindersEnabled: true,
    smsProviderUrl: gateway.url,
    smsApiKey: 'cle-api-sms',
    smsSender: 'Tilleuls',
  });
  if (settings.status !== 200) throw new Error(JSON.stringify(settings.body));
});
afterAll(async () => {
  await app.close();
  await database.close();
  await smtp.close();
  await gateway.close();
});

async function person(overrides: Record<string, unknown> = {}, consent: { email: boolean; sms: boolean } | null = { email: true, sms: false }): Promise<string> {
  const id = await buildPerson(coordinator.client, { firstName: 'Eloise', lastName: `Lefevre${crypto.randomUUID().slice(0, 4)}`, email: 'eloise@exemple.fr', duplicatesAcknowledged: true, ...overrides });
  if (consent) {
    const saved = await coordinator.client.request('PUT', `/api/v1/people/${id}/reminder-consent`, consent);
    if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
  }
  return id;
}

async function book(personId: string, when: { startsAt: string; endsAt: string }, extra: Record<string, unknown> = {}): Promise<string> {
  const booked = await coordinator.client.post<{ id: string }>('/api/v1/appointments', { kind: 'individual', serviceId, personId, modality: 'on_site', staffIds: [coordinator.id], ...when, ...extra });
  if (booked.status !== 201) throw new Error(JSON.stringify(booked.body));
  return booked.body.id;
}

interface ReminderRow {
  id: string;
  channel: string;
  status: string;
  send_at: Date;
  attempts: number;
  failure_code: string | null;
}
const remindersOf = async (appointmentId: string) =>
  (await database.admin.query<ReminderRow>('SELECT id, channel, status, send_at, attempts, failure_code FROM reminder WHERE appointment_id = $1 ORDER BY channel', [appointmentId])).rows;
const emailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

describe('planning reminders from the appointment’s state', () => {
  it('plans one per consented channel at the lead time before, and none without consent', async () => {
    const consenting = await person({ phone: '06 12 34 56 78' }, { email: true, sms: true });
    const when = inHours(72);
    const appointmentId = await book(consenting, when);
    const rows = await remindersOf(appointmentId);
    expect(rows.map((r) => [r.channel, r.status])).toEqual([
      ['email', 'pending'],
      ['sms', 'pending'],
    ]);
    expect(rows[0]!.send_at.toISOString()).toBe(new Date(new Date(when.startsAt).getTime() - 24 * hour).toISOString());

    const silent = await person({}, null);
    expect(await remindersOf(await book(silent, inHours(80)))).toEqual([]);
  });

  it('sends as soon as possible for a session sooner than the lead time', async () => {
    const id = await book(await person(), inHours(3));
    const [row] = await remindersOf(id);
    expect(row!.send_at.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('moves the pending reminder when the session is rescheduled, and cancels it when the session is', async () => {
    const id = await book(await person(), inHours(100));
    const moved = inHours(130);
    const current = await coordinator.client.get<{ version: number }>(`/api/v1/appointments/${id}`);
    const patched = await coordinator.client.patch(`/api/v1/appointments/${id}`, moved, { 'if-match': `"${current.body.version}"` });
    expect(patched.status).toBe(200);
    const [row] = await remindersOf(id);
    expect(row!.status).toBe('pending');
    expect(row!.send_at.toISOString()).toBe(new Date(new Date(moved.startsAt).getTime() - 24 * hour).toISOString());

    const cancelled = await coordinator.client.post(`/api/v1/appointments/${id}/cancel`, { reason: 'La personne a prévenu', cancelledByParty: 'person' });
    expect(cancelled.status).toBe(204);
    expect((await remindersOf(id)).map((r) => r.status)).toEqual(['cancelled']);
  });

  it('follows the person’s consent: withdrawn cancels, given again plans', async () => {
    const personId = await person();
    const id = await book(personId, inHours(140));
    await coordinator.client.request('PUT', `/api/v1/people/${personId}/reminder-consent`, { email: false, sms: false });
    expect((await remindersOf(id)).map((r) => r.status)).toEqual(['cancelled']);
    await coordinator.client.request('PUT', `/api/v1/people/${personId}/reminder-consent`, { email: true, sms: false });
    expect((await remindersOf(id)).map((r) => r.status)).toEqual(['pending']);
  });
});

describe('groups', () => {
  it('reminds registered people only: the waiting list gets one when a place frees up, the one who left has theirs cancelled', async () => {
    const when = inHours(150);
    const group = await coordinator.client.post<{ id: string }>('/api/v1/appointments', {
      kind: 'group', serviceId, title: 'Groupe de parole du mardi', groupFormat: 'support_group', capacity: 1, modality: 'on_site', staffIds: [coordinator.id], ...when,
    });
    if (group.status !== 201) throw new Error(JSON.stringify(group.body));
    const first = await person();
    const second = await person();
    const registered = await coordinator.client.post<{ status: string }>(`/api/v1/appointments/${group.body.id}/registrations`, { personId: first });
    const waiting = await coordinator.client.post<{ status: string }>(`/api/v1/appointments/${group.body.id}/registrations`, { personId: second });
    expect([registered.body.status, waiting.body.status]).toEqual(['registered', 'waitlisted']);
    const byPerson = async () =>
      Object.fromEntries((await database.admin.query<{ person_id: string; status: string }>('SELECT person_id, status FROM reminder WHERE appointment_id = $1', [group.body.id])).rows.map((r) => [r.person_id, r.status]));
    expect(await byPerson()).toEqual({ [first]: 'pending' });
    expect((await coordinator.client.delete(`/api/v1/appointments/${group.body.id}/registrations/${first}`)).status).toBeLessThan(300);
    expect(await byPerson()).toEqual({ [first]: 'cancelled', [second]: 'pending' });
  });
});

describe('sending', () => {
  it('sends a due reminder exactly once across a restart of the dispatcher', async () => {
    const personId = await person({ email: 'restart@exemple.fr' });
    const id = await book(personId, inHours(2));
    const runs: DispatchReport[] = [];
    const errors: unknown[] = [];
    const start = () =>
      startReminderDispatcher({ db: database.db, secretBox, connectionString: database.url, onError: (e) => errors.push(e), onRun: (r) => runs.push(r) });

    const first = await start();
    await waitFor(() => emailsTo('restart@exemple.fr').length === 1 && runs.length >= 1);
    await first.stop();
    const runsBefore = runs.length;
    const second = await start();
    await waitFor(() => runs.length > runsBefore); // the new process runs at start, to catch up
    await second.stop();

    expect(errors).toEqual([]);
    expect(emailsTo('restart@exemple.fr')).toHaveLength(1);
    expect((await remindersOf(id)).map((r) => [r.status, r.attempts])).toEqual([['sent', 1]]);
    expect(await dispatch()).toMatchObject({ sent: 0 });
    expect(emailsTo('restart@exemple.fr')).toHaveLength(1);
  });

  it('never resends a reminder whose sender stopped after claiming it: failed, outcome unknown, shown to staff', async () => {
    const personId = await person({ email: 'crash@exemple.fr' });
    const id = await book(personId, inHours(5));
    // A process claimed it (committed 'sending') and died before recording the result.
    await database.admin.query("UPDATE reminder SET status = 'sending', claimed_at = now() - interval '1 hour', attempts = 1 WHERE appointment_id = $1", [id]);
    const report = await dispatch();
    expect(report.outcomeUnknown).toBe(1);
    expect(emailsTo('crash@exemple.fr')).toHaveLength(0);
    expect((await remindersOf(id)).map((r) => [r.status, r.failure_code])).toEqual([['failed', 'outcome_unknown']]);
    const failed = await coordinator.client.get<{ items: { appointmentId: string; failureCode: string }[] }>('/api/v1/reminders/failed');
    expect(failed.body.items).toContainEqual(expect.objectContaining({ appointmentId: id, failureCode: 'outcome_unknown' }));
  });

  it('says nothing sensitive and, for a discreet person, names nobody', async () => {
    const personId = await person({ firstName: 'Maxime', lastName: 'Durand', email: 'discret@exemple.fr', phone: '0611223344', discreet: true, alias: 'Colibri' }, { email: true, sms: true });
    const id = await book(personId, inHours(4), { notes: 'Parle de ses idees noires, diagnostic trouble anxieux', modality: 'video', videoLink: 'https://visio.exemple.fr/salle-42' });
    await dispatch();
    const [mail] = emailsTo('discret@exemple.fr');
    expect(mail).toBeDefined();
    const text = decodeMail(mail!.raw);
    const sms = gateway.received.find((r) => r.body.recipient === '+33611223344');
    expect(sms).toBeDefined();
    for (const message of [text, sms!.body.text]) {
      expect(message).toContain('Accompagnement par les pairs');
      expect(message).toContain('https://visio.exemple.fr/salle-42');
      for (const secret of ['Maxime', 'Durand', 'Colibri', 'idees noires', 'diagnostic', 'anxieux', 'Claire', 'Fontaine']) expect(message).not.toContain(secret);
    }
    expect(text).toMatch(/Bonjour,/);
    expect((await remindersOf(id)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('greets a person by first name, in English when they prefer it, with the structure’s local time', async () => {
    const personId = await person({ firstName: 'Amina', email: 'amina@exemple.fr', preferredLanguage: 'en' });
    const when = inHours(6);
    await book(personId, when);
    await dispatch();
    const text = decodeMail(emailsTo('amina@exemple.fr')[0]!.raw);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(when.startsAt));
    expect(text).toContain('Hello Amina,');
    expect(text).toContain(`at ${local}`);
  });

  it('fails visibly without a contact, and on a provider error; the care team sees it, others do not, until acknowledged', async () => {
    const noPhone = await person({ email: null }, { email: false, sms: true });
    const noPhoneAppointment = await book(noPhone, inHours(7));
    const unlucky = await person({ phone: '+33 6 99 88 77 66', discreet: true }, { email: false, sms: true });
    const unluckyAppointment = await book(unlucky, inHours(8));
    gateway.failWith(503);
    try {
      await dispatch();
    } finally {
      gateway.failWith(null);
    }
    expect((await remindersOf(noPhoneAppointment)).map((r) => [r.status, r.failure_code])).toEqual([['failed', 'no_contact']]);
    expect((await remindersOf(unluckyAppointment)).map((r) => [r.status, r.failure_code])).toEqual([['failed', 'provider_error']]);

    const failed = await coordinator.client.get<{ items: { id: string; personId: string; personLabel: string; failureCode: string; channel: string; sessionLabel: string }[] }>('/api/v1/reminders/failed');
    expect(failed.status).toBe(200);
    const mine = failed.body.items.filter((i) => [noPhone, unlucky].includes(i.personId));
    expect(mine.map((i) => [i.failureCode, i.channel, i.sessionLabel])).toEqual([
      ['no_contact', 'sms', 'Accompagnement par les pairs'],
      ['provider_error', 'sms', 'Accompagnement par les pairs'],
    ]);
    expect(mine[0]!.personLabel).toMatch(/^Eloise Lefevre/);
    expect(mine[1]!.personLabel).toBe('E. L.'); // discreet, without an alias: initials
    const listed = await database.admin.query("SELECT count(*)::int AS n FROM audit_event WHERE action = 'reminder.failures_listed' AND person_id = $1", [noPhone]);
    expect(listed.rows[0].n).toBeGreaterThan(0);

    expect((await outsider.client.get<{ items: unknown[] }>('/api/v1/reminders/failed')).body.items).toEqual([]);
    expect((await new TestClient(app).get('/api/v1/reminders/failed')).status).toBe(401);
    const refused = await outsider.client.post<{ code: string }>(`/api/v1/reminders/${mine[0]!.id}/acknowledge`);
    expect(refused.status).toBe(403);

    expect((await coordinator.client.post(`/api/v1/reminders/${mine[0]!.id}/acknowledge`)).status).toBe(204);
    const after = await coordinator.client.get<{ items: { id: string }[] }>('/api/v1/reminders/failed');
    expect(after.body.items.map((i) => i.id)).not.toContain(mine[0]!.id);
    expect(after.body.items.map((i) => i.id)).toContain(mine[1]!.id);
  });

  it('fails as not configured when the structure switched the channel off after planning', async () => {
    const personId = await person({ email: 'off@exemple.fr' });
    const id = await book(personId, inHours(9));
    await database.admin.query('UPDATE reminder_settings SET email_reminders_enabled = false WHERE organization_id = $1', [org.organizationId]);
    try {
      await dispatch();
    } finally {
      await database.admin.query('UPDATE reminder_settings SET email_reminders_enabled = true WHERE organization_id = $1', [org.organizationId]);
    }
    expect((await remindersOf(id)).map((r) => [r.status, r.failure_code])).toEqual([['failed', 'channel_not_configured']]);
    expect(emailsTo('off@exemple.fr')).toHaveLength(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
