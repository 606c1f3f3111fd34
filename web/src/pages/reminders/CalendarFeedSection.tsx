import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { calendarFeedKey, type CalendarFeed } from '../../api/reminders';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyField } from '../../components/CopyField';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';

/**
 * "Mon agenda dans mon calendrier": a secret link to my agenda for a calendar app. The server keeps
 * only its hash, so the link shows once, right after it is made; a new one replaces the old.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const [fresh, setFresh] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const feed = useQuery({ queryKey: calendarFeedKey, queryFn: () => api.get<CalendarFeed>('/api/v1/calendar-feed') });
  const create = useMutation({
    mutationFn: () => api.post<CalendarFeed>('/api/v1/calendar-feed'),
    onSuccess: (created) => {
      const replaced = feed.data?.active ?? false;
      client.setQueryData(calendarFeedKey, { ...created, url: null });
      setFresh(created.url);
      if (replaced) notify(t('reminders.feed.created'));
    },
  });
  const revoke = useMutation({
    mutationFn: () => api.delete('/api/v1/calendar-feed'),
    onSuccess: () => {
      client.setQueryData(calendarFeedKey, { active: false, url: null, createdAt: null, lastUsedAt: null });
      setFresh(null);
      setConfirming(false);
      notify(t('reminders.feed.revoked'));
    },
  });
  if (feed.isPending) return <Loading />;
  if (feed.isError) return <ProblemAlert error={feed.error} />;
  const current = feed.data;
  return (
    <Stack gap="sm">
      <Text>{t('reminders.feed.help')}</Text>
      <ProblemAlert error={create.error} />
      {current.active && current.createdAt ? (
        <Text data-testid="feed-status">
          {t('reminders.feed.active', { date: formatDateTime(current.createdAt, locale) })}
          {current.lastUsedAt && ` ${t('reminders.feed.lastUsed', { date: formatDateTime(current.lastUsedAt, locale) })}`}
        </Text>
      ) : (
        <Text data-testid="feed-status">{t('reminders.feed.none')}</Text>
      )}
      {fresh && (
        <Stack gap="xs">
          <CopyField label={t('reminders.feed.link')} value={fresh} />
          <Text size="sm" role="note">
            {t('reminders.feed.copyNow')}
          </Text>
        </Stack>
      )}
      <Group gap="sm">
        <Button variant={current.active ? 'default' : 'filled'} onClick={() => create.mutate()} loading={create.isPending}>
          {current.active ? t('reminders.feed.renew') : t('reminders.feed.create')}
        </Button>
        {current.active && (
          <Button variant="default" color="red.8" onClick={() => setConfirming(true)}>
            {t('reminders.feed.revoke')}
          </Button>
        )}
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('reminders.feed.revokeConfirmTitle')}
        confirmLabel={t('reminders.feed.revoke')}
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate()}
        onClose={() => setConfirming(false)}
      >
        {t('reminders.feed.revokeConfirm')}
      </ConfirmDialog>
    </Stack>
  );
}
