import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts the few secrets Relais must keep readable in the database (two-factor seeds) with
 * AES-256-GCM under the installation's key, so that the database alone (a dump, a backup, a replica)
 * does not give them away. Stored form: `v1:<iv>:<tag>:<ciphertext>`, each part base64url.
 *
 * No key id in the stored form: GCM's tag already says whether a key fits (a wrong key fails
 * authentication), so a future rotation can try the new key, then the previous one, and re-seal
 * on use — the same path legacy clear values take today.
 */
export interface SecretBox {
  /** The first 8 bytes of the key's SHA-256, in hex: names the key in logs without revealing it. */
  readonly keyId: string;
  /** `context` is bound to the ciphertext (GCM additional data): a value moved to another row does not open. */
  seal: (plaintext: string, context: string) => string;
  /** The plaintext, or null when the value was not sealed under this key and context, or was altered. */
  open: (sealed: string, context: string) => string | null;
}

export const secretKeyBytes = 32;
export const secretKeyFileName = 'secret.key';
const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

/** Whether a stored value is in the sealed form (otherwise: a value written before encryption). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${version}:`);
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== secretKeyBytes) throw new Error(`the secret key must be ${secretKeyBytes} bytes, not ${key.length}`);
  const secret = Buffer.from(key); // a copy: the caller's buffer may be reused
  return {
    keyId: crypto.createHash('sha256').update(secret).digest('hex').slice(0, 16),
    seal(plaintext, context) {
      const iv = crypto.randomBytes(ivBytes);
      const cipher = crypto.createCipheriv('aes-256-gcm', secret, iv, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [version, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
    },
    open(sealed, context) {
      const parts = sealed.split(':');
      if (parts.length !== 4 || parts[0] !== version) return null;
      const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
      if (iv!.length !== ivBytes || tag!.length !== tagBytes) return null;
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', secret, iv!, { authTagLength: tagBytes });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag!);
        return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
      } catch {
        return null; // wrong key, wrong context or altered value: fail closed
      }
    },
  };
}

/** A key written as base64 (standard or URL-safe) of exactly 32 bytes, or null. */
export function decodeSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === secretKeyBytes ? key : null;
}

export interface LoadedSecretKey {
  key: Buffer;
  /** Where it came from: RELAIS_SECRET_KEY, or the key file in the data directory. */
  source: 'environment' | 'file';
  file: string | null;
  /** The key file was created by this call (first start). */
  created: boolean;
}

/**
 * The installation's key: RELAIS_SECRET_KEY when set; otherwise `<dataDir>/secret.key`, created
 * on first start with 32 random bytes (mode 0600). An existing file that cannot be read as a key
 * stops the start: writing a new key would make every sealed secret unreadable.
 */
export function loadSecretKey(options: { configuredKey: Buffer | undefined; dataDir: string }): LoadedSecretKey {
  if (options.configuredKey) return { key: options.configuredKey, source: 'environment', file: null, created: false };
  const file = path.join(options.dataDir, secretKeyFileName);
  let created = false;
  if (!fs.existsSync(file)) created = createKeyFile(options.dataDir, file);
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new Error(
      `${file} est lisible par d’autres utilisateurs : chmod 600 ${file}\n` + `${file} is readable by other users: chmod 600 ${file}`,
    );
  }
  const key = decodeSecretKey(fs.readFileSync(file, 'utf8'));
  if (!key) {
    throw new Error(
      `${file} ne contient pas une clé de 32 octets en base64 ; restaurez-la depuis une sauvegarde.\n` +
        `${file} does not hold a 32-byte base64 key; restore it from a backup.`,
    );
  }
  return { key, source: 'file', file, created };
}

/**
 * Writes the new key to a private temporary file, then links it into place: the link fails if
 * another process got there first, so a key file is never seen half written nor replaced.
 */
function createKeyFile(dataDir: string, file: string): boolean {
  fs.mkdirSync(dataDir, { recursive: true });
  const temporary = path.join(dataDir, `.${secretKeyFileName}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${crypto.randomBytes(secretKeyBytes).toString('base64')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
