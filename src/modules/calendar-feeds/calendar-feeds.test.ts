import crypto from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildPerson, buildTestApp, setUpOrganization, type TestOrganization } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
type Staff = Awaited<ReturnType<typeof addStaffMember>>;
let coordinator: Staff;
let practitioner: Staff;
let serviceId: string;
let siteId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  coordinator = await addStaffMember(app, org, { roles: ['coordinator'], firstName: 'Claire', lastName: 'Fontaine' });
  practitioner = await addStaffMember(app, org, { roles: ['practitioner'], firstName: 'Yanis', lastName: 'Haddad' });
  const service = await coordinator.client.post<{ id: string }>('/api/v1/services', {
    name: 'Accompagnement par les pairs',
    kind: 'individual_support',
    defaultDurationMinutes: 45,
    maxDurationMinutes: 45,
    modalities: ['on_site', 'video', 'home', 'phone'],
  });
  serviceId = service.body.id;
  const site = await coordinator.client.post<{ id: string }>('/api/v1/sites', { name: 'Maison des Tilleuls', address: '3 rue des Tilleuls, Lyon' });
  if (site.status !== 201) throw new Error(JSON.stringify(site.body));
  siteId = site.body.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const feedPath = (url: string) => new URL(url).pathname;

async function personOnTeam(overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await buildPerson(coordinator.client, { firstName: 'Eloise', lastName: `Lefevre${crypto.randomUUID().slice(0, 4)}`, duplicatesAcknowledged: true, ...overrides });
  const added = await coordinator.client.post(`/api/v1/people/${id}/care-team`, { staffMemberId: practitioner.id });
  if (added.status >= 300) throw new Error(JSON.stringify(added.body));
  return id;
}

async function book(personId: string, startsAt: string, extra: Record<string, unknown> = {}): Promise<string> {
  const endsAt = new Date(new Date(startsAt).getTime() + 45 * 60_000).toISOString();
  const booked = await coordinator.client.post<{ id: string }>('/api/v1/appointments', { kind: 'individual', serviceId, personId, modality: 'on_site', siteId, staffIds: [practitioner.id], startsAt, endsAt, ...extra });
  if (booked.status !== 201) throw new Error(JSON.stringify(booked.body));
  return booked.body.id;
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

describe('my calendar feed link', () => {
  it('refuses an anonymous caller', async () => {
    expect((await new TestClient(app).get('/api/v1/calendar-feed')).status).toBe(401);
    expect((await new TestClient(app).post('/api/v1/calendar-feed')).status).toBe(401);
  });

  it('shows the link once, keeps only its hash, and a new link revokes the old one', async () => {
    expect((await practitioner.client.get('/api/v1/calendar-feed')).body).toEqual({ active: false, url: null, createdAt: null, lastUsedAt: null });
    const first = await practitioner.client.post<{ url: string; active: boolean }>('/api/v1/calendar-feed');
    expect(first.status).toBe(201);
    expect(first.body.url).toMatch(/^http:\/\/relais\.test\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = first.body.url.split('/').pop()!.replace('.ics', '');
    const stored = await database.admin.query('SELECT token_hash FROM calendar_feed WHERE staff_member_id = $1', [practitioner.id]);
    expect(stored.rows).toHaveLength(1);
    expect(Buffer.compare(stored.rows[0].token_hash, crypto.createHash('sha256').update(token).digest())).toBe(0);
    expect((await practitioner.client.get<{ active: boolean; url: null }>('/api/v1/calendar-feed')).body).toMatchObject({ active: true, url: null });

    const anonymous = new TestClient(app);
    expect((await anonymous.get(feedPath(first.body.url))).status).toBe(200);
    const second = await practitioner.client.post<{ url: string }>('/api/v1/calendar-feed');
    const old = await anonymous.get<{ code: string; title: string }>(feedPath(first.body.url));
    expect(old.status).toBe(404);
    expect((await anonymous.get(feedPath(second.body.url))).status).toBe(200);

    expect((await practitioner.client.delete('/api/v1/calendar-feed')).status).toBe(204);
    const revoked = await anonymous.get<{ code: string; title: string }>(feedPath(second.body.url));
    const unknown = await anonymous.get<{ code: string; title: string }>(`/api/v1/calendar-feeds/${'A'.repeat(43)}.ics`);
    const malformed = await anonymous.get<{ code: string; title: string }>('/api/v1/calendar-feeds/nope');
    for (const reply of [revoked, unknown, malformed]) {
      expect(reply.status).toBe(404);
      expect({ code: reply.body.code, title: reply.body.title }).toEqual({ code: old.body.code, title: old.body.title });
    }
    const audit = await database.admin.query("SELECT action FROM audit_event WHERE actor_id = $1 AND action LIKE 'calendar_feed.%' ORDER BY id", [practitioner.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['calendar_feed.created', 'calendar_feed.read', 'calendar_feed.created', 'calendar_feed.read', 'calendar_feed.revoked']);
  });
});

describe('the feed a calendar app reads', () => {
  let url: string;
  let discreetId: string;
  let formerId: string;
  beforeAll(async () => {
    const weekly = await personOnTeam({ firstName: 'Amina', lastName: 'Benali' });
    // A weekly 10:00 session on each side of the change to summer time (28 March 2027).
    await book(weekly, '2027-03-23T09:00:00.000Z');
    await book(weekly, '2027-03-30T08:00:00.000Z', { notes: 'Évoque des idées noires ; diagnostic en cours' });
    discreetId = await personOnTeam({ firstName: 'Maxime', lastName: 'Durand', discreet: true, alias: 'Colibri' });
    await book(discreetId, '2027-01-12T13:00:00.000Z', { modality: 'video', siteId: null, videoLink: 'https://visio.exemple.fr/salle-7' });
    formerId = await personOnTeam({ firstName: 'Rachid', lastName: 'Moreau' });
    await book(formerId, '2027-01-13T13:00:00.000Z', { modality: 'home', siteId: null, homeAddress: '12 rue Victor Hugo, Lyon' });
    const removed = await coordinator.client.delete(`/api/v1/people/${formerId}/care-team/${practitioner.id}`);
    if (removed.status >= 300) throw new Error(JSON.stringify(removed.body));
    const cancelledId = await book(weekly, '2027-01-14T13:00:00.000Z');
    const cancelled = await coordinator.client.post(`/api/v1/appointments/${cancelledId}/cancel`, { reason: 'Empêchement', cancelledByParty: 'person' });
    if (cancelled.status !== 204) throw new Error(JSON.stringify(cancelled.body));
    url = (await practitioner.client.post<{ url: string }>('/api/v1/calendar-feed')).body.url;
  });

  it('is iCalendar that ical.js reads, with Europe/Paris wall-clock times across the change to summer time', async () => {
    const reply = await new TestClient(app).get<string>(feedPath(url));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(reply.body).toContain('BEGIN:VTIMEZONE');
    expect(reply.body).toContain('DTSTART;TZID=Europe/Paris:20270323T100000');
    expect(reply.body).toContain('DTSTART;TZID=Europe/Paris:20270330T100000');
    const events = parse(reply.body);
    const weekly = events.filter((e) => e.summary.startsWith('Accompagnement par les pairs — Amina Benali')).sort((a, b) => a.startDate.compare(b.startDate));
    expect(weekly).toHaveLength(2);
    expect(weekly.map((e) => [e.startDate.toString(), e.startDate.zone?.tzid, e.startDate.toJSDate().toISOString()])).toEqual([
      ['2027-03-23T10:00:00', 'Europe/Paris', '2027-03-23T09:00:00.000Z'],
      ['2027-03-30T10:00:00', 'Europe/Paris', '2027-03-30T08:00:00.000Z'],
    ]);
    expect(weekly.map((e) => e.location)).toEqual(['Maison des Tilleuls', 'Maison des Tilleuls']);
    expect(reply.body).not.toMatch(/idées noires|diagnostic/);
  });

  it('shows a discreet person by alias, no name for a person whose care team I left, and no cancelled session', async () => {
    const events = parse((await new TestClient(app).get<string>(feedPath(url))).body);
    const summaries = events.map((e) => e.summary);
    expect(summaries).toContain('Accompagnement par les pairs — Colibri');
    expect(events.find((e) => e.summary.endsWith('Colibri'))!.location).toBe('Visio');
    const home = events.find((e) => e.location === 'Domicile');
    expect(home!.summary).toBe('Accompagnement par les pairs');
    const all = summaries.join('\n');
    for (const hidden of ['Maxime', 'Durand', 'Rachid', 'Moreau', 'Victor Hugo']) expect(all).not.toContain(hidden);
    expect(events).toHaveLength(4);
  });

  it('is audited: the read by its owner, and each person it names', async () => {
    await new TestClient(app).get(feedPath(url));
    const rows = await database.admin.query<{ action: string; person_id: string | null }>(
      "SELECT action, person_id FROM audit_event WHERE actor_id = $1 AND action IN ('calendar_feed.read', 'calendar_feed.person_shown') ORDER BY id DESC LIMIT 3",
      [practitioner.id],
    );
    expect(rows.rows.find((r) => r.action === 'calendar_feed.read')).toBeDefined();
    const shown = rows.rows.filter((r) => r.action === 'calendar_feed.person_shown').map((r) => r.person_id);
    expect(shown).toContain(discreetId);
    expect(shown).not.toContain(formerId);
    const lastUsed = await practitioner.client.get<{ lastUsedAt: string | null }>('/api/v1/calendar-feed');
    expect(lastUsed.body.lastUsedAt).not.toBeNull();
  });
});
