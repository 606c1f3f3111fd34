import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { addStaffMember, buildTestApp, setUpOrganization, testPassword } from '../test/factories.js';
import { TestClient } from '../test/http-client.js';
import type { RelaisApp } from './types.js';

let database: TestDatabase;
let app: RelaisApp;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildTestApp(database, { logStream: stream });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('logs', () => {
  it('carry a request id and hold no personal data, whatever the requests contained', async () => {
    const org = await setUpOrganization(app, database);
    const member = await addStaffMember(app, org, { roles: ['coordinator'], email: 'zoe.delacroix@exemple.fr', firstName: 'Zoé', lastName: 'Delacroix' });
    await new TestClient(app).post('/api/v1/auth/sign-in', { email: 'zoe.delacroix@exemple.fr', password: 'wrong but secret-ish' });
    await new TestClient(app).post('/api/v1/auth/sign-in', { email: 'zoe.delacroix@exemple.fr', password: testPassword });
    const created = await member.client.post<{ id: string }>('/api/v1/people', { firstName: 'Mathilde', lastName: 'Chevalier-Aubert', birthDate: '1990-05-06' });
    await member.client.get(`/api/v1/people?cursor=Chevalier-Aubert`);
    await member.client.post('/api/v1/people', { firstName: 'Mathilde', lastName: 12 });
    expect(created.status).toBe(201);

    expect(lines.length).toBeGreaterThan(10);
    const text = lines.join('\n');
    for (const secret of ['zoe.delacroix', 'Zoé', 'Delacroix', 'Mathilde', 'Chevalier', '1990-05-06', testPassword, 'wrong but secret-ish', 'relais_session=']) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    }
    const requestLines = lines.map((l) => JSON.parse(l) as { reqId?: string; msg: string }).filter((l) => l.msg === 'request completed');
    expect(requestLines.length).toBeGreaterThan(5);
    expect(requestLines.every((l) => typeof l.reqId === 'string' && l.reqId.length === 36)).toBe(true);
  });
});
