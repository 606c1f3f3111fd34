import path from 'node:path';
import { z } from 'zod';
import { decodeSecretKey } from './secret-box.js';

// Every setting Relais reads from its environment, in one place, validated at start.
const ZEnvironment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  RELAIS_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  RELAIS_PUBLIC_URL: z.string().url().optional(),
  RELAIS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RELAIS_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  RELAIS_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  RELAIS_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  RELAIS_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  // The key that encrypts two-factor secrets at rest; when unset, a key file in RELAIS_DATA_DIR.
  RELAIS_SECRET_KEY: z
    .string()
    .transform((text, ctx) => {
      const key = decodeSecretKey(text);
      // The message never repeats the value: it is a secret.
      if (!key) ctx.addIssue({ code: 'custom', message: '32 octets en base64 attendus (openssl rand -base64 32) / expected 32 bytes in base64 (openssl rand -base64 32)' });
      return key ?? Buffer.alloc(0);
    })
    .optional(),
});

export interface RelaisConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  logLevel: z.infer<typeof ZEnvironment>['RELAIS_LOG_LEVEL'];
  session: { idleMinutes: number; absoluteHours: number };
  secureCookies: 'auto' | 'true' | 'false';
  trustProxy: boolean;
  /** RELAIS_SECRET_KEY decoded, when set (see loadSecretKey for the fallback). */
  secretKey: Buffer | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RelaisConfig {
  // An empty variable (DATABASE_URL=) means unset, as shells and .env files often write it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnvironment.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '127.0.0.1' ? 'localhost' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.RELAIS_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.RELAIS_PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.RELAIS_LOG_LEVEL,
    session: { idleMinutes: e.RELAIS_SESSION_IDLE_MINUTES, absoluteHours: e.RELAIS_SESSION_ABSOLUTE_HOURS },
    secureCookies: e.RELAIS_SECURE_COOKIES,
    trustProxy: e.RELAIS_TRUST_PROXY === 'true',
    secretKey: e.RELAIS_SECRET_KEY,
  };
}
