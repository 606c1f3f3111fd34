import type { LightMyRequestResponse } from 'fastify';
import type { RelaisApp } from '../server/types.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/**
 * A browser-like client for app.inject: keeps cookies, and sends the CSRF token it learnt from
 * GET /api/v1/session on state-changing requests, as the web app does.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;
  constructor(
    readonly app: RelaisApp,
    readonly headers: Record<string, string> = {},
  ) {}

  async request<T = unknown>(method: Method, url: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...this.headers, ...extraHeaders };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrfToken && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.app.inject({
      method,
      url,
      headers: body !== undefined ? { 'content-type': 'application/json', ...headers } : headers,
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const type = String(response.headers['content-type'] ?? '');
    const parsed = type.includes('json') && response.body ? (JSON.parse(response.body) as T) : (response.body as T);
    return { status: response.statusCode, body: parsed, headers: response.headers, raw: response };
  }

  get<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('GET', url, undefined, headers);
  }
  post<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body, headers);
  }
  patch<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', url, body, headers);
  }
  put<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', url, body, headers);
  }
  delete<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', url, undefined, headers);
  }

  /** Reads the session (as the web app does after sign-in) and keeps its CSRF token. */
  async refresh(): Promise<Reply<{ stage: string; csrfToken: string; staffMember: { id: string } }>> {
    const reply = await this.get<{ stage: string; csrfToken: string; staffMember: { id: string } }>('/api/v1/session');
    if (reply.status === 200) this.csrfToken = reply.body.csrfToken;
    return reply;
  }
}
