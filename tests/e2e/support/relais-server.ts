import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RelaisServer {
  baseUrl: string;
  setupLink: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Port 0 lets the system choose; RELAIS_E2E_PORTS="3400-3499" keeps the servers in a range shared machines agreed on. */
async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.RELAIS_E2E_PORTS ?? '');
  if (!range) return listenOn(0);
  const [low, high] = [Number(range[1]), Number(range[2])];
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    try {
      return await listenOn(port);
    } catch {
      // taken: try another
    }
  }
  throw new Error(`No free port in ${low}-${high}`);
}

async function listenOn(wanted: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(wanted, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Starts `node dist/src/server/main.js` on a free port and a fresh data directory; resolves with its setup link. */
export async function startRelais(): Promise<RelaisServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-'));
  const child = spawn(process.execPath, ['dist/src/server/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), RELAIS_DATA_DIR: dataDir, RELAIS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await waitForExit(child, 25_000);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const setupLink = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Relais did not print its setup link within 60 s:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.includes('/setup#'));
        if (line) {
          clearTimeout(timer);
          resolve(line.trim().replace(/^\[relais\]\s*/, ''));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Relais exited (${code}) before printing its setup link:\n${output}`));
      });
    });
    const url = new URL(setupLink);
    return { baseUrl: url.origin, setupLink, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
