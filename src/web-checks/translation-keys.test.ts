import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The compiler does not check translation keys (too many for i18next's key types): this does.
// Every literal key the web app passes to t() or <Trans i18nKey> must exist in French and in
// English; for a key built from a template (`statuses.${status}`), the object its fixed part names must exist.
const webRoot = path.resolve(import.meta.dirname, '../../web/src');
let fr: unknown;
let en: unknown;
beforeAll(async () => {
  // Loaded by path: the web app is compiled by its own (bundler) configuration, not this one.
  const load = async (name: string) => ((await import(path.join(webRoot, 'i18n', `${name}.ts`))) as Record<string, unknown>)[name];
  fr = await load('fr');
  en = await load('en');
});

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.includes('.test.') && !full.includes(`${path.sep}i18n${path.sep}`) ? [full] : [];
  });
}

function lookup(dictionary: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), dictionary);
}

/** A key with i18next's plural suffixes resolves if any plural form exists. */
function exists(dictionary: unknown, key: string): boolean {
  return ['', '_one', '_other', '_zero'].some((suffix) => typeof lookup(dictionary, `${key}${suffix}`) === 'string');
}

const literal = /\bt\(\s*'([a-zA-Z0-9_.]+)'|i18nKey="([a-zA-Z0-9_.]+)"/g;
const template = /\bt\(\s*`([a-zA-Z0-9_.]*)\$\{/g;

describe('translation keys', () => {
  const files = sources(webRoot);
  const used = files.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return [...text.matchAll(literal)].map((m) => ({ file: path.relative(webRoot, file), key: (m[1] ?? m[2])! }));
  });
  const prefixes = files.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return [...text.matchAll(template)].map((m) => ({ file: path.relative(webRoot, file), prefix: m[1]!.slice(0, Math.max(0, m[1]!.lastIndexOf('.'))) }));
  });

  it('finds the keys in the web app (the scan itself works)', () => {
    expect(used.length).toBeGreaterThan(500);
    expect(prefixes.length).toBeGreaterThan(5);
  });

  it('every literal key exists in French and in English', () => {
    const missing = used.filter((u) => !exists(fr, u.key) || !exists(en, u.key)).map((u) => `${u.file}: ${u.key}`);
    expect(missing).toEqual([]);
  });

  it('every key built from a template has its prefix in both languages', () => {
    const missing = prefixes.filter((p) => p.prefix && !(lookup(fr, p.prefix) && lookup(en, p.prefix))).map((p) => `${p.file}: ${p.prefix}`);
    expect(missing).toEqual([]);
  });
});
