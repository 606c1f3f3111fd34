import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const serveConfigVariable = 'RELAIS_BENCH_SERVE';

export const ZServeConfig = z.object({
  databaseUrl: z.string(),
  kind: z.enum(['embedded', 'server']),
  organizationId: z.uuid(),
  baselinePort: z.number().int().min(0),
  relaisPort: z.number().int().min(0),
  poolSize: z.number().int().positive(),
});
export type ServeConfig = z.infer<typeof ZServeConfig>;
const ZReady = z.object({ baselinePort: z.number().int(), relaisPort: z.number().int() });

export interface SystemUnderTest {
  baselineUrl: string;
  relaisUrl: string;
  stop: () => Promise<void>;
}

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serve-under-test.ts');

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts the baseline and Relais in a child process (TypeScript through tsx) and waits until both listen. */
export async function startSystemUnderTest(config: ServeConfig, timeoutMs = 30_000): Promise<SystemUnderTest> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, [serveConfigVariable]: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const ready = await new Promise<z.infer<typeof ZReady>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the system under test did not start in time')), timeoutMs);
    child.once('exit', (code) => reject(new Error(`the system under test exited (code ${code}) before listening`)));
    lines.on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve(ZReady.parse(JSON.parse(line.slice(6))));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited(child);
    throw error;
  });
  return {
    baselineUrl: `http://127.0.0.1:${ready.baselinePort}`,
    relaisUrl: `http://127.0.0.1:${ready.relaisPort}`,
    stop: async () => {
      const done = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
      lines.close();
    },
  };
}
