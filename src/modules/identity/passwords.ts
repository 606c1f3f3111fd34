import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const options = { algorithm: 2 /* Algorithm.Argon2id (a const enum, unreadable under verbatimModuleSyntax) */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const passwordMinLength = 12;
/** Long passphrases are welcome; the cap only keeps hashing cost bounded. */
export const ZPassword = z.string().min(passwordMinLength).max(256);

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verifying against a real hash even for an unknown address keeps response times alike,
// so timing does not tell whether an account exists.
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hashPassword('relais-decoy-password-never-valid');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
