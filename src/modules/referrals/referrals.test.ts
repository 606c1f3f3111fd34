import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp, setUpOrganization, type TestOrganization } from '../../test/factories.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
let coordinator: Awaited<ReturnType<typeof addStaffMember>>;
let practitioner: Awaited<ReturnType<typeof addStaffMember>>;
let referentClinician: Awaited<ReturnType<typeof addStaffMember>>;
let serviceId: string;
let partnerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  coordinator = await addStaffMember(app, org, { roles: ['coordinator'] });
  practitioner = await addStaffMember(app, org, { roles: ['practitioner'] });
  referentClinician = await addStaffMember(app, org, { roles: ['clinical_referent'] });
  serviceId = (
    await coordinator.client.post<{ id: string }>('/api/v1/services', { name: 'Pair-aidance', kind: 'individual_support', defaultDurationMinutes: 45, maxDurationMinutes: 45, modalities: ['home', 'video'] })
  ).body.id;
  partnerId = (await coordinator.client.post<{ id: string }>('/api/v1/partners', { name: 'CCAS de Rennes', kind: 'ccas_cias' })).body.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const count = async (sql: string, params: unknown[] = []) => (await database.admin.query(sql, params)).rows[0].n as number;
const referralCount = () => count('SELECT count(*)::int AS n FROM referral');

const fromPartner = () => ({
  source: 'partner',
  partnerId,
  referrerName: 'Sophie Girard',
  referrerRole: 'Assistante sociale',
  firstName: 'Éloïse',
  lastName: 'Lefèvre',
  birthDate: '1987-03-14',
  phone: '06 12 34 56 78',
  serviceId,
  reason: 'Isolement depuis le décès de son compagnon ; demande un accompagnement par une pair-aidante.',
  urgency: 'soon',
  consentToShare: true,
});

describe('referrals recorded by staff', () => {
  it('records a partner’s referral and shows it in the inbox of the roles that triage, not to others', async () => {
    const created = await practitioner.client.post<{ id: string }>('/api/v1/referrals', fromPartner());
    expect(created.status).toBe(201);
    const inbox = await coordinator.client.get<{ items: { id: string; displayName: string; partnerName: string; serviceName: string; status: string }[] }>('/api/v1/referrals');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.find((i) => i.id === created.body.id)).toMatchObject({ displayName: 'Éloïse Lefèvre', partnerName: 'CCAS de Rennes', serviceName: 'Pair-aidance', status: 'new' });
    // Practitioners record referrals but do not triage them; clinical referents and administrators neither.
    expect((await practitioner.client.get('/api/v1/referrals')).status).toBe(403);
    expect((await referentClinician.client.get('/api/v1/referrals')).status).toBe(403);
    expect((await org.admin.get(`/api/v1/referrals/${created.body.id}`)).status).toBe(403);
    const read = await coordinator.client.get<{ reason: string; reference: string; recordedByName: string }>(`/api/v1/referrals/${created.body.id}`);
    expect(read.body.reason).toContain('pair-aidante');
    expect(read.body.reference).toMatch(/^DEM-[0-9A-F]{8}$/);
    const audited = await count(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'referral.read' AND target_id = $1`, [created.body.id]);
    expect(audited).toBe(1);
  });

  it('refuses, field by field in French, a partner referral without its partner and a referral without a referrer, storing nothing', async () => {
    const before = await referralCount();
    const reply = await coordinator.client.post<{ errors: { field: string; message: string }[] }>('/api/v1/referrals', { ...fromPartner(), partnerId: null, referrerName: ' ' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e) => e.field).sort()).toEqual(['body.partnerId', 'body.referrerName']);
    expect(reply.body.errors[0]!.message).toMatch(/[ée]/);
    const unknownService = await coordinator.client.post<{ errors: { field: string }[] }>('/api/v1/referrals', { ...fromPartner(), serviceId: crypto.randomUUID() });
    expect(unknownService.status).toBe(400);
    expect(unknownService.body.errors[0]!.field).toBe('body.serviceId');
    expect((await org.admin.post('/api/v1/referrals', fromPartner())).status).toBe(403);
    expect(await referralCount()).toBe(before);
  });

  it('lists urgent requests first, then the oldest', async () => {
    const routine = await coordinator.client.post<{ id: string }>('/api/v1/referrals', { ...fromPartner(), urgency: 'routine', firstName: 'Paul' });
    const urgent = await coordinator.client.post<{ id: string }>('/api/v1/referrals', { ...fromPartner(), urgency: 'urgent', firstName: 'Inès' });
    const inbox = await coordinator.client.get<{ items: { id: string; urgency: string }[] }>('/api/v1/referrals');
    const ids = inbox.body.items.map((i) => i.id);
    expect(ids[0]).toBe(urgent.body.id);
    expect(ids.at(-1)).toBe(routine.body.id);
  });

  it('opens the person’s record from a referral, with the duplicate warning, and the creator follows the person', async () => {
    const referral = await coordinator.client.post<{ id: string }>('/api/v1/referrals', { ...fromPartner(), firstName: 'Mathéo', lastName: 'Dubois', birthDate: '2001-06-02' });
    const linked = await coordinator.client.post<{ personId: string }>(`/api/v1/referrals/${referral.body.id}/person`, { createRecord: true });
    expect(linked.status).toBe(200);
    expect((await coordinator.client.get(`/api/v1/people/${linked.body.personId}`)).status).toBe(200);
    // A second request for "Matheo Dubois" warns of the existing record before opening another one.
    const again = await coordinator.client.post<{ id: string }>('/api/v1/referrals', { ...fromPartner(), firstName: 'Matheo', lastName: 'Dubois', birthDate: '2001-06-02' });
    const warned = await coordinator.client.post<{ code: string }>(`/api/v1/referrals/${again.body.id}/person`, { createRecord: true });
    expect(warned.status).toBe(409);
    expect(warned.body.code).toBe('possible_duplicate');
    const toExisting = await coordinator.client.post<{ personId: string }>(`/api/v1/referrals/${again.body.id}/person`, { personId: linked.body.personId });
    expect(toExisting.body.personId).toBe(linked.body.personId);
    expect((await coordinator.client.post<{ code: string }>(`/api/v1/referrals/${again.body.id}/person`, { personId: linked.body.personId })).body.code).toBe('referral_already_linked');
  });

  it('withdraws a request with a note; it leaves the open inbox', async () => {
    const referral = await coordinator.client.post<{ id: string }>('/api/v1/referrals', fromPartner());
    expect((await coordinator.client.post(`/api/v1/referrals/${referral.body.id}/withdraw`, { note: 'La personne ne souhaite plus être accompagnée.' })).status).toBe(204);
    const inbox = await coordinator.client.get<{ items: { id: string }[] }>('/api/v1/referrals');
    expect(inbox.body.items.some((i) => i.id === referral.body.id)).toBe(false);
    const withdrawn = await coordinator.client.get<{ items: { id: string }[] }>('/api/v1/referrals?status=withdrawn');
    expect(withdrawn.body.items.some((i) => i.id === referral.body.id)).toBe(true);
    expect((await coordinator.client.get<{ withdrawalNote: string }>(`/api/v1/referrals/${referral.body.id}`)).body.withdrawalNote).toBe('La personne ne souhaite plus être accompagnée.');
  });
});

describe('the public self-referral form', () => {
  const submit = (body: Record<string, unknown>, ip = '203.0.113.10', raw?: string) =>
    app.inject({
      method: 'POST',
      url: `/api/public/structures/${org.organizationId}/referrals`,
      remoteAddress: ip,
      headers: { 'content-type': 'application/json', 'accept-language': 'fr-FR' },
      payload: raw ?? JSON.stringify(body),
    });
  const request = (overrides: Record<string, unknown> = {}) => ({
    submissionId: crypto.randomUUID(),
    forWhom: 'self',
    firstName: 'Léa',
    lastName: 'Moreau',
    email: 'lea.moreau@exemple.fr',
    reason: 'Je traverse une période difficile depuis mon diagnostic et je voudrais être accompagnée.',
    urgency: 'routine',
    consentToShare: true,
    ...overrides,
  });

  it('shows the structure’s name and services without an account; an unknown structure is 404', async () => {
    const form = await app.inject({ method: 'GET', url: `/api/public/structures/${org.organizationId}/referral-form` });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({ organizationName: 'Clinique des Tilleuls', services: [{ id: serviceId, name: 'Pair-aidance' }] });
    expect((await app.inject({ method: 'GET', url: `/api/public/structures/${crypto.randomUUID()}/referral-form` })).statusCode).toBe(404);
    expect((await submit(request())).statusCode).toBe(202);
    expect((await app.inject({ method: 'POST', url: `/api/public/structures/${crypto.randomUUID()}/referrals`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(request()) })).statusCode).toBe(404);
  });

  it('refuses a request without consent, or without a way to answer, in French, and stores nothing', async () => {
    const before = await referralCount();
    const noConsent = await submit(request({ consentToShare: false }), '203.0.113.20');
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors).toEqual([expect.objectContaining({ field: 'body.consentToShare', message: expect.stringContaining('accord') })]);
    const unreachable = await submit(request({ email: null }), '203.0.113.20');
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json().errors[0].field).toBe('body.phone');
    const relativeWithoutName = await submit(request({ forWhom: 'relative' }), '203.0.113.20');
    expect(relativeWithoutName.json().errors[0].field).toBe('body.submitterName');
    expect(await referralCount()).toBe(before);
  });

  it('refuses an oversized request (413) and unknown fields (400), storing nothing', async () => {
    const before = await referralCount();
    const huge = await submit({}, '203.0.113.30', JSON.stringify(request({ reason: 'x'.repeat(40_000) })));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload_too_large');
    const tooLongReason = await submit(request({ reason: 'x'.repeat(4001) }), '203.0.113.30');
    expect(tooLongReason.statusCode).toBe(400);
    const smuggled = await submit(request({ status: 'admitted' }), '203.0.113.30');
    expect(smuggled.statusCode).toBe(400);
    expect(await referralCount()).toBe(before);
  });

  it('limits requests per network address (429 with Retry-After) but never loses a valid one already sent', async () => {
    const ip = '198.51.100.7';
    const first = request();
    const accepted = [];
    for (let i = 0; i < 5; i++) accepted.push(await submit(i === 0 ? first : request(), ip));
    expect(accepted.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202]);
    const before = await referralCount();
    const sixth = await submit(request(), ip);
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(await referralCount()).toBe(before);
    // The first request, retried (the person did not see the answer), gets its reference back.
    const retried = await submit(first, ip);
    expect(retried.statusCode).toBe(202);
    expect(retried.json().reference).toBe(accepted[0]!.json().reference);
    // Someone else, at another address, is not affected.
    expect((await submit(request(), '198.51.100.8')).statusCode).toBe(202);
  });

  it('stores a request sent twice at once (double click) exactly once, with one reference', async () => {
    const body = request({ firstName: 'Noé' });
    const [a, b] = await Promise.all([submit(body, '192.0.2.50'), submit(body, '192.0.2.50')]);
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(a.json().reference).toBe(b.json().reference);
    expect(await count('SELECT count(*)::int AS n FROM referral WHERE submission_id = $1', [body.submissionId])).toBe(1);
  });

  it('answers a robot that fills the invisible field as if all went well, and stores nothing', async () => {
    const before = await referralCount();
    const bot = await submit(request({ website: 'http://spam.example' }), '192.0.2.60');
    expect(bot.statusCode).toBe(202);
    expect(await referralCount()).toBe(before);
  });

  it('delivers a valid request to the inbox, for a relative too, with consent recorded and no author', async () => {
    const body = request({ forWhom: 'relative', firstName: 'Jeanne', lastName: 'Petit', email: null, submitterName: 'Marc Petit', submitterRelationship: 'fils', submitterPhone: '0611223344', serviceId });
    const reply = await submit(body, '192.0.2.70');
    expect(reply.statusCode).toBe(202);
    const row = (await database.admin.query('SELECT source, channel, consent_to_share, recorded_by, referrer_name FROM referral WHERE submission_id = $1', [body.submissionId])).rows[0];
    expect(row).toEqual({ source: 'relative', channel: 'public_form', consent_to_share: true, recorded_by: null, referrer_name: 'Marc Petit' });
    const inbox = await coordinator.client.get<{ items: { displayName: string; channel: string }[] }>('/api/v1/referrals');
    expect(inbox.body.items).toContainEqual(expect.objectContaining({ displayName: 'Jeanne Petit', channel: 'public_form' }));
  });

  it('the database itself refuses a public-form referral without consent', async () => {
    await expect(
      database.admin.query(
        `INSERT INTO referral (organization_id, id, source, channel, first_name, last_name, reason, consent_to_share, submission_id)
         VALUES ($1, gen_random_uuid(), 'self', 'public_form', 'A', 'B', 'raison', false, gen_random_uuid())`,
        [org.organizationId],
      ),
    ).rejects.toThrow(/referral_public_form_consent/);
  });
});
