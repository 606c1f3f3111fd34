import * as OTPAuth from 'otpauth';
import type { RelaisServer } from './relais-server.js';

/**
 * A minimal API client for preparing data quickly (the journeys drive the browser for what they
 * test, and use this only for what happens before). It keeps the session cookie and CSRF token.
 */
export class ApiClient {
  private cookie: string | null = null;
  private csrf: string | null = null;

  constructor(private readonly baseUrl: string) {}

  async request<T>(method: string, path: string, body?: unknown, expected = [200, 201, 204]): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      if (pair?.startsWith('relais_session=')) this.cookie = pair;
    }
    const text = await response.text();
    if (!expected.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Reads the session again: its token rotates after sign-in and each step. */
  async refresh(): Promise<void> {
    const session = await this.request<{ csrfToken: string }>('GET', '/api/v1/session');
    this.csrf = session.csrfToken;
  }

  async signIn(email: string, password: string): Promise<string> {
    const { stage } = await this.request<{ stage: string }>('POST', '/api/v1/auth/sign-in', { email, password });
    await this.refresh();
    return stage;
  }
}

export interface Account {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

export const administrator: Account = { email: 'camille.martin@clinique-exemple.fr', password: 'une phrase de passe solide', firstName: 'Camille', lastName: 'Martin' };
export const organizationName = 'Clinique des Tilleuls';

/** First-run set-up through the API, as the set-up page would do it; returns the signed-in administrator. */
export async function setUpOrganization(server: RelaisServer): Promise<ApiClient> {
  const token = server.setupLink.split('#')[1] ?? '';
  const client = new ApiClient(server.baseUrl);
  await client.request('POST', '/api/v1/setup', {
    token,
    organization: { name: organizationName, kind: 'clinic' },
    administrator: { firstName: administrator.firstName, lastName: administrator.lastName, email: administrator.email, password: administrator.password, locale: 'fr' },
  });
  await client.refresh();
  return client;
}

interface Catalogue {
  roles: { id: string; code: string }[];
  disciplines: { id: string; code: string }[];
}

/** Invites a colleague with the given role and discipline codes and accepts the invitation for them. */
export async function createColleague(admin: ApiClient, server: RelaisServer, account: Account, roleCode: string, disciplineCodes: string[] = []): Promise<ApiClient> {
  const catalogue = await admin.request<Catalogue>('GET', '/api/v1/catalogue');
  const roleIds = catalogue.roles.filter((r) => r.code === roleCode).map((r) => r.id);
  const disciplineIds = catalogue.disciplines.filter((d) => disciplineCodes.includes(d.code)).map((d) => d.id);
  const { link } = await admin.request<{ link: string }>('POST', '/api/v1/staff/invitations', { email: account.email, firstName: account.firstName, lastName: account.lastName, roleIds, disciplineIds });
  const colleague = new ApiClient(server.baseUrl);
  await colleague.request('POST', '/api/v1/invitations/acceptance', { token: link.split('#')[1], password: account.password, locale: 'fr' });
  await colleague.refresh();
  return colleague;
}

/** The current code of an authenticator app for this secret; `stepsAhead` 1 gives the next one. */
export function totpCode(secret: string, stepsAhead = 0): string {
  const totp = new OTPAuth.TOTP({ issuer: 'Relais', algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret.replace(/\s/g, '')) });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}
