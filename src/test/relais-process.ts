import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../lib/project-root.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RelaisProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts a real Relais process (the same entry point as `npm start`) on a data directory. */
export function startRelais(dataDir: string, port: number, env: Record<string, string> = {}): RelaisProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'server', 'main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), RELAIS_DATA_DIR: dataDir, RELAIS_LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
}

export async function waitUntilServing(relais: RelaisProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (relais.child.exitCode !== null) throw new Error(`Relais exited (${relais.child.exitCode}):\n${relais.output()}`);
    try {
      const r = await fetch(`${relais.baseUrl}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Relais did not answer within ${timeoutMs} ms:\n${relais.output()}`);
}

/** A tiny cookie-keeping fetch client for a real Relais process. */
export class HttpSession {
  private cookie = '';
  private csrf: string | null = null;
  constructor(private readonly baseUrl: string) {}

  async call<T = unknown>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const response = await fetch(`${this.baseUrl}${url}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('relais_session='));
    if (set) this.cookie = set.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
  }

  async refresh() {
    const s = await this.call<{ csrfToken: string }>('GET', '/api/v1/session');
    if (s.status === 200) this.csrf = s.body.csrfToken;
    return s;
  }
}
