import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { buildTestApp } from '../test/factories.js';
import type { RelaisApp } from './types.js';

// The only API routes anyone may call without signing in. Adding a route here is a security decision.
const publicRoutes = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/setup/check',
  'POST /api/v1/setup',
  'POST /api/v1/invitations/lookup',
  'POST /api/v1/invitations/acceptance',
  // The self-referral form: anyone may ask for support, with no account (anti-abuse in the use case).
  'GET /api/public/structures/:organizationId/referral-form',
  'POST /api/public/structures/:organizationId/referrals',
  // A staff member's calendar feed, read by calendar apps: the secret link is the credential (hash stored, revocable).
  'GET /api/v1/calendar-feeds/:token',
]);

let database: TestDatabase;
let app: RelaisApp;
const routes: { method: string; url: string; access: unknown }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('every API route requires a signed-in staff member unless allowlisted', () => {
  it('refuses each non-public route without a session, and the allowlist is exactly the public routes', async () => {
    for (const r of app.relaisRoutes()) routes.push(r);
    const apiRoutes = routes.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(apiRoutes.length).toBeGreaterThan(20);
    const declaredPublic = apiRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(new Set(declaredPublic)).toEqual(publicRoutes);

    for (const route of apiRoutes) {
      if (publicRoutes.has(`${route.method} ${route.url}`)) continue;
      const url = route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const response = await app.inject({ method: route.method as 'GET', url, headers: { 'content-type': 'application/json' }, payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}' });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 401 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
