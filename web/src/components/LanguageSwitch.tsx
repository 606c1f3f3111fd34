import { Button } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refreshSession, useSession } from '../api/session';
import type { Locale } from '../api/types';
import { changeLanguage, currentLocale } from '../i18n/setup';
import { useTranslation } from 'react-i18next';

const names: Record<Locale, string> = { fr: 'Français', en: 'English' };

/** Offers the other language, named in that language; a signed-in user's choice is saved to their account. */
export function LanguageSwitch() {
  useTranslation(); // re-render when the language changes
  const client = useQueryClient();
  const signedIn = Boolean(useSession().data);
  const other: Locale = currentLocale() === 'fr' ? 'en' : 'fr';
  const mutation = useMutation({
    mutationFn: async (locale: Locale) => {
      if (signedIn) await api.patch('/api/v1/me/preferences', { locale });
      await changeLanguage(locale);
      if (signedIn) await refreshSession(client);
    },
  });
  return (
    <Button variant="subtle" size="sm" lang={other} onClick={() => mutation.mutate(other)} loading={mutation.isPending}>
      {names[other]}
    </Button>
  );
}
