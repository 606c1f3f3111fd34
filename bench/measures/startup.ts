import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../src/lib/project-root.js';
import { median } from '../lib/stats.js';

export interface StartupMeasure {
  medianMs: number;
  runsMs: number[];
  /** What was awaited: the web app's page, or the health route when the web app is not built. */
  probe: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function firstOk(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Relais exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

/**
 * (d) `npm start` to first served page on an already initialised data directory: the built
 * server is spawned as `npm start` runs it, and timed until GET / (or /api/health) answers 200.
 * Each run is stopped with SIGTERM, as an operator would, before the next.
 */
export async function measureStartup(dataDir: string, runs: number, port: number, log: (line: string) => void): Promise<StartupMeasure> {
  execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'ensure-build.mjs')], { cwd: projectRoot, stdio: 'inherit' });
  const probe = fs.existsSync(path.join(projectRoot, 'web', 'dist', 'index.html')) ? '/' : '/api/health';
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', RELAIS_DATA_DIR: path.resolve(dataDir), RELAIS_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const listenPort = port || (await freePort());
    const output: string[] = [];
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(projectRoot, 'dist', 'src', 'server', 'main.js')], {
      cwd: projectRoot,
      env: { ...env, PORT: String(listenPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    try {
      await firstOk(`http://127.0.0.1:${listenPort}${probe}`, child, 30_000);
      runsMs.push(performance.now() - started);
      log(`  run ${i + 1}/${runs}: ${Math.round(runsMs[runsMs.length - 1]!)} ms`);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${output.join('')}`);
    } finally {
      const done = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await done;
      clearTimeout(timer);
    }
  }
  return { medianMs: median(runsMs), runsMs: runsMs.map((m) => Math.round(m)), probe };
}
