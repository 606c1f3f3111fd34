import { Alert, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { reminderConsentKey, type ReminderConsent } from '../../api/reminders';
import { can, useActiveSession } from '../../api/session';
import { Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';

/** On the person's record: the reminders they agreed to receive, switched on or off with them. */
export function ReminderConsentSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const consent = useQuery({ queryKey: reminderConsentKey(personId), queryFn: () => api.get<ReminderConsent>(`/api/v1/people/${personId}/reminder-consent`) });
  const save = useMutation({
    mutationFn: (next: { email: boolean; sms: boolean }) => api.put<ReminderConsent>(`/api/v1/people/${personId}/reminder-consent`, next),
    // The switch moves at once; a refusal puts it back.
    onMutate: (next) => {
      // A read still in flight would land after the click and put the switch back.
      void client.cancelQueries({ queryKey: reminderConsentKey(personId) });
      const previous = client.getQueryData<ReminderConsent>(reminderConsentKey(personId));
      if (previous) client.setQueryData(reminderConsentKey(personId), { ...previous, ...next });
      return { previous };
    },
    onError: (_error, _next, context) => {
      if (context?.previous) client.setQueryData(reminderConsentKey(personId), context.previous);
    },
    onSuccess: (saved) => {
      client.setQueryData(reminderConsentKey(personId), saved);
      notify(t('reminders.consent.saved'));
    },
  });
  const mayEdit = can(session, 'person:update');
  return (
    <Section id="person-reminders" title={t('reminders.consent.title')} description={t('reminders.consent.help')}>
      {consent.isPending ? (
        <Loading />
      ) : consent.isError ? (
        <ProblemAlert error={consent.error} />
      ) : (
        <Stack gap="sm">
          <ProblemAlert error={save.error} />
          <Switch
            label={t('reminders.consent.email')}
            checked={consent.data.email}
            disabled={!mayEdit || save.isPending}
            onChange={(e) => save.mutate({ email: e.currentTarget.checked, sms: consent.data.sms })}
          />
          {consent.data.email && !consent.data.hasEmail && (
            <Alert color="orange" variant="light" role="note">
              {t('reminders.consent.noEmail')}
            </Alert>
          )}
          <Switch
            label={t('reminders.consent.sms')}
            checked={consent.data.sms}
            disabled={!mayEdit || save.isPending}
            onChange={(e) => save.mutate({ email: consent.data.email, sms: e.currentTarget.checked })}
          />
          {consent.data.sms && !consent.data.hasPhone && (
            <Alert color="orange" variant="light" role="note">
              {t('reminders.consent.noPhone')}
            </Alert>
          )}
          {consent.data.recordedAt && (
            <Text size="sm" c="dimmed">
              {t('reminders.consent.recordedAt', { date: formatDateTime(consent.data.recordedAt, currentLocale()) })}
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}
