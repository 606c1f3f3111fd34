import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { addStaffMember, buildTestApp, setUpOrganization, type TestOrganization } from '../test/factories.js';
import type { TestClient } from '../test/http-client.js';
import type { RelaisApp } from './types.js';

let database: TestDatabase;
let app: RelaisApp;
let org: TestOrganization;
let coordinator: TestClient;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  org = await setUpOrganization(app, database);
  coordinator = (await addStaffMember(app, org, { roles: ['coordinator'] })).client;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const raw = (payload: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload, headers: { 'content-type': 'application/json', ...headers } });

describe('bad input gets a clear problem, never a 500', () => {
  it('malformed JSON', async () => {
    const r = await raw('{"email": ');
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'malformed_request', title: 'La requête est mal formée.', status: 400 });
  });

  it('wrong types and unknown fields, field by field, in English when asked', async () => {
    const r = await raw(JSON.stringify({ email: 12, password: 'x', admin: true }), { 'accept-language': 'en' });
    expect(r.statusCode).toBe(400);
    const body = r.json<{ title: string; errors: { field: string; message: string }[] }>();
    expect(body.title).toBe('Some information is invalid.');
    expect(body.errors.map((e) => e.field).sort()).toEqual(['body.admin', 'body.email']);
    expect(body.errors.find((e) => e.field === 'body.admin')?.message).toBe('Unknown field.');
  });

  it('an oversized body', async () => {
    const r = await raw(JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(300 * 1024) }));
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('a body that is not JSON', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.statusCode).toBe(415);
    expect(r.json()).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('an unknown API route, and an unknown method on a known path', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'route_not_found' });
    const m = await app.inject({ method: 'PUT', url: '/api/health' });
    expect(m.statusCode).toBe(404);
  });

  it('query parameters out of range or unknown', async () => {
    const r = await coordinator.get<{ errors: { field: string }[] }>('/api/v1/people?limit=100000&sort=name');
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e) => e.field).sort()).toEqual(['querystring.limit', 'querystring.sort']);
  });

  it('an unreadable pagination cursor starts from the beginning rather than failing', async () => {
    const r = await coordinator.get('/api/v1/people?cursor=%%%garbage');
    expect(r.status).toBe(200);
  });

  it('arbitrary JSON sent to every kind of write route never produces a 5xx', async () => {
    const routes = ['/api/v1/auth/sign-in', '/api/v1/people', '/api/v1/setup', '/api/v1/invitations/acceptance', '/api/v1/me/password', '/api/v1/staff/invitations'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (url, value) => {
        const r = await coordinator.post(url, value);
        expect(r.status).toBeLessThan(500);
        expect(r.status).toBeGreaterThanOrEqual(200);
      }),
      { numRuns: 150 },
    );
  });

  it('carries a request id on every response, errors included', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/people' });
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json<{ requestId: string }>().requestId).toBe(r.headers['x-request-id']);
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy without inline scripts', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });
});
