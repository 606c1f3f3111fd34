import crypto from 'node:crypto';
import { createSecretBox } from '../lib/secret-box.js';
import { buildApp } from '../server/app.js';
import type { RelaisApp } from '../server/types.js';
import { issueSetupLink } from '../modules/organizations/issue-setup-link.js';
import type { TestDatabase } from './database.js';
import { TestClient } from './http-client.js';

export const testPassword = 'correct horse battery staple';

/** The installation key of the apps a test file builds (one per file, as one installation has one). */
export const testSecretKey = crypto.randomBytes(32);

export async function buildTestApp(
  database: TestDatabase,
  options: { logStream?: NodeJS.WritableStream; session?: { idleMinutes: number; absoluteHours: number }; secretKey?: Buffer } = {},
): Promise<RelaisApp> {
  const app = await buildApp({
    database,
    publicUrl: 'http://relais.test',
    secretBox: createSecretBox(options.secretKey ?? testSecretKey),
    logLevel: options.logStream ? 'info' : 'silent',
    webRoot: null,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.session ? { session: options.session } : {}),
  });
  await app.ready();
  return app;
}

export interface Catalogue {
  roles: { id: string; code: string }[];
  disciplines: { id: string; code: string }[];
}

export interface TestOrganization {
  organizationId: string;
  admin: TestClient;
  adminId: string;
  catalogue: Catalogue;
  roleId: (code: string) => string;
  disciplineId: (code: string) => string;
}

let counter = 0;
export const uniqueEmail = (prefix = 'staff') => `${prefix}.${process.pid}.${Date.now()}.${counter++}@exemple.fr`;

/** A structure set up through the first-run API, with its administrator signed in. */
export async function setUpOrganization(app: RelaisApp, database: TestDatabase, name = 'Clinique des Tilleuls'): Promise<TestOrganization> {
  const token = await issueSetupLink(database.db);
  if (!token) throw new Error('this database already has an organization: use one database per organization in tests, or createOrganizationDirectly');
  const admin = new TestClient(app);
  const setup = await admin.post<{ organizationId: string }>('/api/v1/setup', {
    token,
    organization: { name, kind: 'clinic' },
    administrator: { firstName: 'Anne', lastName: 'Martin', email: uniqueEmail('admin'), password: testPassword, locale: 'fr' },
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const session = await admin.refresh();
  const catalogue = (await admin.get<Catalogue>('/api/v1/catalogue')).body;
  const find = (list: { id: string; code: string }[], code: string) => {
    const found = list.find((x) => x.code === code);
    if (!found) throw new Error(`no ${code} in catalogue`);
    return found.id;
  };
  return {
    organizationId: setup.body.organizationId,
    admin,
    adminId: session.body.staffMember.id,
    catalogue,
    roleId: (code) => find(catalogue.roles, code),
    disciplineId: (code) => find(catalogue.disciplines, code),
  };
}

/** A colleague invited by the administrator, who accepted and is signed in. */
export async function addStaffMember(
  app: RelaisApp,
  org: TestOrganization,
  options: { roles?: string[]; disciplines?: string[]; email?: string; firstName?: string; lastName?: string } = {},
): Promise<{ client: TestClient; id: string; email: string }> {
  const email = options.email ?? uniqueEmail();
  const invite = await org.admin.post<{ link: string }>('/api/v1/staff/invitations', {
    email,
    firstName: options.firstName ?? 'Karim',
    lastName: options.lastName ?? 'Benali',
    roleIds: (options.roles ?? ['practitioner']).map(org.roleId),
    disciplineIds: (options.disciplines ?? []).map(org.disciplineId),
  });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const token = invite.body.link.split('#')[1]!;
  const client = new TestClient(app);
  const accepted = await client.post('/api/v1/invitations/acceptance', { token, password: testPassword, locale: 'fr' });
  if (accepted.status !== 201) throw new Error(`acceptance failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const session = await client.refresh();
  return { client, id: session.body.staffMember.id, email };
}

export async function buildPerson(client: TestClient, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await client.post<{ id: string }>('/api/v1/people', { firstName: 'Éloïse', lastName: 'Lefèvre', birthDate: '1987-03-14', ...overrides });
  if (created.status !== 201) throw new Error(`person creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}
