// The one way the web app talks to the Relais API: JSON in and out, problem+json errors turned into
// ApiError, the CSRF token on every change, and the UI language so public answers match it.

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  /** The occurrence-specific sentence ("Modifié par Claire Fontaine le … à 10:42 (version 3)."). */
  detail?: string;
  requestId?: string;
  errors?: FieldProblem[];
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    /** From Retry-After on 429 answers. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;
let language = 'fr';
let networkMessage = 'Network error';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setRequestLanguage(locale: string, networkErrorMessage: string): void {
  language = locale;
  networkMessage = networkErrorMessage;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'title' in value && 'status' in value && 'code' in value;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': language, ...extraHeaders };
  // No content-type without a body: the server refuses an empty JSON body.
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiError({ type: 'about:blank', title: networkMessage, status: 0, code: 'network' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    const problem: Problem = isProblem(parsed) ? parsed : { type: 'about:blank', title: networkMessage, status: response.status, code: 'unexpected' };
    throw new ApiError(problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T = void>(path: string, body?: unknown) => request<T>('POST', path, body),
  /** A POST the server runs once per key: a retry with the same key (and body) gets the first answer. */
  postIdempotent: <T = void>(path: string, body: unknown, idempotencyKey: string) => request<T>('POST', path, body, { 'idempotency-key': idempotencyKey }),
  /** `ifMatch`: the version the change is based on (the server answers 412 if it moved on). */
  patch: <T = void>(path: string, body: unknown, ifMatch?: string) => request<T>('PATCH', path, body, ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }),
  put: <T = void>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
