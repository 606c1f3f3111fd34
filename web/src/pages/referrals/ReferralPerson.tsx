import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { linkReferralPerson, referralsKey, type LinkPersonInput, type Referral } from '../../api/referrals';
import { can, useActiveSession } from '../../api/session';
import type { PossibleDuplicate } from '../../api/types';
import { Section } from '../../components/Facts';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { duplicatesOf } from '../people/DuplicateWarning';

/**
 * The person's record the referral leads to. Not linked yet: open a record from the request's
 * details, with the usual duplicate check; a record that may be the same person can be linked
 * instead (if I follow them), or the user confirms it is someone else.
 */
export function ReferralPerson({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const [matches, setMatches] = useState<PossibleDuplicate[] | null>(null);
  const warningRef = useRef<HTMLDivElement>(null);
  const link = useMutation({
    mutationFn: (input: LinkPersonInput) => linkReferralPerson(referral.id, input),
    onSuccess: async (_result, input) => {
      setMatches(null);
      await client.invalidateQueries({ queryKey: referralsKey });
      notify('personId' in input ? t('referrals.referral.personLinked') : t('referrals.referral.recordOpened', { name: `${referral.firstName} ${referral.lastName}` }));
    },
    onError: (error) => {
      const found = duplicatesOf(error);
      if (found) setMatches(found);
    },
  });
  useEffect(() => {
    // The warning is announced (role="alert") and takes the focus, so it is read before anything else.
    if (matches) warningRef.current?.focus();
  }, [matches]);

  const readable = (matches ?? []).flatMap((m) => (m.person ? [{ ...m.person, similarity: m.similarity }] : []));
  const hidden = (matches?.length ?? 0) - readable.length;
  const otherError = duplicatesOf(link.error) ? null : link.error;
  const locale = currentLocale();

  return (
    <Section id="referral-person" title={t('referrals.referral.personSection')}>
      {referral.personId ? (
        <Text>
          {t('referrals.referral.linkedTo')}{' '}
          <Anchor component={Link} to={`/people/${referral.personId}`} fw={600}>
            {t('referrals.referral.openRecordOf', { name: referral.personDisplayName ?? `${referral.firstName} ${referral.lastName}` })}
          </Anchor>
        </Text>
      ) : referral.status === 'withdrawn' ? (
        <Text c="dimmed">{t('referrals.referral.noRecordWithdrawn')}</Text>
      ) : (
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{referral.status === 'new' ? t('referrals.referral.notLinkedHelp') : t('referrals.referral.notLinked')}</Text>
          <ProblemAlert error={otherError} />
          {matches ? (
            <Alert ref={warningRef} tabIndex={-1} className="takes-focus" color="orange" variant="light" role="alert" title={t('person.duplicateTitle')} data-testid="referral-duplicate-warning" w="100%">
              <Stack gap="sm">
                <Text size="sm">{t('referrals.referral.duplicateIntro')}</Text>
                {readable.length > 0 && (
                  <List size="sm" spacing="sm">
                    {readable.map((match) => (
                      <List.Item key={match.id}>
                        <Group gap="sm" wrap="wrap">
                          <Text span size="sm">
                            <Anchor component={Link} to={`/people/${match.id}`} fw={600} inherit>
                              {match.displayName}
                            </Anchor>
                            {' — '}
                            {match.birthDate ? t('person.duplicateBorn', { date: formatDate(match.birthDate, locale) }) : t('person.duplicateNoBirthDate')}
                            {' — '}
                            {t('person.duplicateSimilarity', { percent: Math.round(match.similarity * 100) })}
                          </Text>
                          <Button
                            size="sm"
                            variant="default"
                            aria-label={t('referrals.referral.linkToNamed', { name: match.displayName })}
                            onClick={() => link.mutate({ personId: match.id })}
                            loading={link.isPending && 'personId' in link.variables && link.variables.personId === match.id}
                          >
                            {t('referrals.referral.linkTo')}
                          </Button>
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                )}
                {hidden > 0 && <Text size="sm">{t('person.duplicateHidden', { count: hidden })}</Text>}
                <Stack gap={4} align="flex-start">
                  <Button variant="default" onClick={() => link.mutate({ createRecord: true, duplicatesAcknowledged: true })} loading={link.isPending && 'createRecord' in link.variables}>
                    {t('referrals.referral.duplicateConfirm')}
                  </Button>
                  <Text size="xs">{t('person.duplicateConfirmHelp')}</Text>
                </Stack>
              </Stack>
            </Alert>
          ) : can(session, 'person:create') ? (
            <Button onClick={() => link.mutate({ createRecord: true })} loading={link.isPending}>
              {t('referrals.referral.openRecord')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('referrals.referral.cannotCreate')}
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}
