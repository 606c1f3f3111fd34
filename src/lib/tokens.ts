import crypto from 'node:crypto';

/** A secret for a link or a cookie: 256 random bits, URL-safe. Only its hash is stored. */
export function newSecretToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token, 'utf8').digest();
}
