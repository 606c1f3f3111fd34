import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from './config.js';
import { createSecretBox, decodeSecretKey, loadSecretKey } from './secret-box.js';

const directories: string[] = [];
function scratchDirectory(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-secret-box-'));
  directories.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of directories.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('secret box', () => {
  const box = createSecretBox(crypto.randomBytes(32));

  it('seals as v1:<iv>:<tag>:<ciphertext>, differently each time, and opens what it sealed', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP', 'ctx');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'ctx');
    expect(a).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(box.open(a, 'ctx')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('fails closed: another key, another context, an altered part or a malformed value give null', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'ctx');
    expect(createSecretBox(crypto.randomBytes(32)).open(sealed, 'ctx')).toBeNull();
    expect(box.open(sealed, 'other')).toBeNull();
    const [v, iv, tag, ciphertext] = sealed.split(':') as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0]! ^= 1;
    expect(box.open([v, iv, tag, flipped.toString('base64url')].join(':'), 'ctx')).toBeNull();
    for (const bad of ['v1:', 'v1:a:b:c', 'v2:' + sealed.slice(3), `${sealed}:x`, 'JBSWY3DPEHPK3PXP']) expect(box.open(bad, 'ctx')).toBeNull();
  });

  it('names its key by a SHA-256 prefix, the same for the same key', () => {
    const key = crypto.randomBytes(32);
    expect(createSecretBox(key).keyId).toBe(createSecretBox(Buffer.from(key)).keyId);
    expect(createSecretBox(key).keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(() => createSecretBox(crypto.randomBytes(16))).toThrow();
  });
});

describe('the installation key', () => {
  it('reads RELAIS_SECRET_KEY (32 bytes in base64), refuses anything else without echoing it', () => {
    const key = crypto.randomBytes(32);
    expect(readConfig({ RELAIS_SECRET_KEY: key.toString('base64') }).secretKey?.equals(key)).toBe(true);
    expect(readConfig({ RELAIS_SECRET_KEY: key.toString('base64url') }).secretKey?.equals(key)).toBe(true);
    expect(readConfig({ RELAIS_SECRET_KEY: '' }).secretKey).toBeUndefined();
    const short = crypto.randomBytes(16).toString('base64');
    expect(() => readConfig({ RELAIS_SECRET_KEY: short })).toThrow(/RELAIS_SECRET_KEY/);
    try {
      readConfig({ RELAIS_SECRET_KEY: short });
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
    expect(decodeSecretKey('not a key at all, but 43 characters long..')).toBeNull();
  });

  it('prefers the configured key and then writes no file', () => {
    const dir = scratchDirectory();
    const key = crypto.randomBytes(32);
    const loaded = loadSecretKey({ configuredKey: key, dataDir: dir });
    expect(loaded).toMatchObject({ source: 'environment', created: false, file: null });
    expect(loaded.key.equals(key)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('otherwise creates <data dir>/secret.key once, private, and reads the same key afterwards', () => {
    const dir = path.join(scratchDirectory(), 'not-yet-there');
    const first = loadSecretKey({ configuredKey: undefined, dataDir: dir });
    expect(first).toMatchObject({ source: 'file', created: true, file: path.join(dir, 'secret.key') });
    if (process.platform !== 'win32') expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
    const again = loadSecretKey({ configuredKey: undefined, dataDir: dir });
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['secret.key']); // no temporary file left behind
  });

  it('refuses to start on a key file others can read, or one that holds no key (rather than replacing it)', () => {
    const dir = scratchDirectory();
    const file = path.join(dir, 'secret.key');
    fs.writeFileSync(file, 'garbage\n', { mode: 0o600 });
    expect(() => loadSecretKey({ configuredKey: undefined, dataDir: dir })).toThrow(/restore it from a backup/);
    expect(fs.readFileSync(file, 'utf8')).toBe('garbage\n');
    if (process.platform !== 'win32') {
      fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64')}\n`);
      fs.chmodSync(file, 0o644);
      expect(() => loadSecretKey({ configuredKey: undefined, dataDir: dir })).toThrow(/chmod 600/);
    }
  });
});
