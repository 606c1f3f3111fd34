import * as OTPAuth from 'otpauth';
import { isSealed, type SecretBox } from '../../lib/secret-box.js';

/** RFC 6238 codes: 6 digits, 30 seconds, SHA-1 (what every authenticator app reads). */
export function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: 'Relais', label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/**
 * The time step a code belongs to (one step of clock drift either way), or null. The caller refuses a
 * step at or before the last one used, so a code cannot be replayed.
 */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  const normalised = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(normalised)) return null;
  const totp = totpFor(secretBase32, 'x');
  const delta = totp.validate({ token: normalised, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / 30) + delta;
}

// The sealed secret is bound to its account: copied onto another account's row, it does not open.
const sealingContext = (staffMemberId: string) => `staff_member.totp_secret:${staffMemberId}`;

/** The form a TOTP secret is stored in: encrypted under the installation's key. */
export function sealTotpSecret(box: SecretBox, staffMemberId: string, secretBase32: string): string {
  return box.seal(secretBase32, sealingContext(staffMemberId));
}

export interface StoredTotpSecret {
  secretBase32: string;
  /** Stored in clear (written before secrets were encrypted): to be sealed on its next successful use. */
  legacy: boolean;
}

/** The stored secret in clear, or null when it cannot be read (another key, altered): the code is then refused. */
export function openTotpSecret(box: SecretBox, staffMemberId: string, stored: string): StoredTotpSecret | null {
  if (!isSealed(stored)) return /^[A-Z2-7]+=*$/i.test(stored) ? { secretBase32: stored, legacy: true } : null;
  const secretBase32 = box.open(stored, sealingContext(staffMemberId));
  return secretBase32 === null ? null : { secretBase32, legacy: false };
}
