export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

/** The language of a request: the signed-in user's choice, else Accept-Language, else French. */
export function negotiateLocale(acceptLanguage: string | undefined, preferred?: Locale | null): Locale {
  if (preferred) return preferred;
  if (!acceptLanguage) return 'fr';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'fr';
}

export type Translated = Record<Locale, string>;
