import { Alert, Anchor, Button, List, Stack, Text } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import type { PossibleDuplicate } from '../../api/types';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';

/** The matches a 409 possible_duplicate carries (details.duplicates), or null for any other error. */
export function duplicatesOf(error: unknown): PossibleDuplicate[] | null {
  if (!isApiError(error, 'possible_duplicate')) return null;
  const duplicates = error.problem.details?.duplicates;
  return Array.isArray(duplicates) ? (duplicates as PossibleDuplicate[]) : [];
}

/**
 * Records that may be this same person. Those on my care teams are named with a link; the others
 * are only counted (need to know), with whom to ask. The user may confirm it is someone else.
 */
export function DuplicateWarning({ matches, onConfirm, pending, ref }: { matches: PossibleDuplicate[]; onConfirm: () => void; pending: boolean; ref?: Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const readable = matches.flatMap((m) => (m.person ? [{ ...m.person, similarity: m.similarity }] : []));
  const hidden = matches.length - readable.length;
  return (
    <Alert ref={ref} tabIndex={-1} className="takes-focus" color="orange" variant="light" title={t('person.duplicateTitle')} data-testid="duplicate-warning">
      <Stack gap="sm">
        <Text size="sm">{t('person.duplicateIntro')}</Text>
        {readable.length > 0 && (
          <List size="sm" spacing={4}>
            {readable.map((match) => (
              <List.Item key={match.id}>
                <Anchor component={Link} to={`/people/${match.id}`} fw={600} inherit>
                  {match.displayName}
                </Anchor>
                {' — '}
                {match.birthDate ? t('person.duplicateBorn', { date: formatDate(match.birthDate, locale) }) : t('person.duplicateNoBirthDate')}
                {' — '}
                {t('person.duplicateSimilarity', { percent: Math.round(match.similarity * 100) })}
              </List.Item>
            ))}
          </List>
        )}
        {hidden > 0 && <Text size="sm">{t('person.duplicateHidden', { count: hidden })}</Text>}
        <Stack gap={4} align="flex-start">
          <Button variant="default" onClick={onConfirm} loading={pending}>
            {t('person.duplicateConfirm')}
          </Button>
          <Text size="xs">{t('person.duplicateConfirmHelp')}</Text>
        </Stack>
      </Stack>
    </Alert>
  );
}
