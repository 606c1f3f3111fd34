import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '../api/client';
import type { Locale } from '../api/types';
import { en } from './en';
import { fr } from './fr';

const storageKey = 'relais.locale';

// Keys are plain strings for the compiler: with ~1,500 typed keys i18next's key types exceed
// TypeScript's instantiation depth. Instead, web/src/i18n/keys.test.ts checks that every key the app
// uses exists, and en.ts has fr.ts's exact shape (Translation type).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
  }
}

/** French first: English only when this browser was switched to it (signed-in users: their saved choice). */
function storedLanguage(): Locale {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

function applyLanguage(locale: string): void {
  document.documentElement.lang = locale;
  setRequestLanguage(locale, i18next.t('errors.network'));
}

export async function setUpI18n(): Promise<void> {
  i18next.on('languageChanged', applyLanguage);
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'fr',
    supportedLngs: ['fr', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(i18next.language);
}

export function currentLocale(): Locale {
  return i18next.language === 'en' ? 'en' : 'fr';
}

/** Switches the interface language and remembers it on this browser. */
export async function changeLanguage(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts until the page is closed.
  }
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}
