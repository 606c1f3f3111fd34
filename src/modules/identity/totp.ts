import * as OTPAuth from 'otpauth';

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
