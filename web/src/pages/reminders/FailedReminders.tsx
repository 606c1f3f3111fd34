import { Anchor, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { failedRemindersKey, type FailedReminder } from '../../api/reminders';
import { can, useActiveSession } from '../../api/session';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';

/**
 * The home page's reminders that could not be sent, for the people on the user's care teams: the
 * team reaches the person another way, then marks it dealt with. Nothing shows when all went out.
 */
export function FailedReminders() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const mayRead = can(session, 'appointment:book');
  const failed = useQuery({
    queryKey: failedRemindersKey,
    queryFn: () => api.get<{ items: FailedReminder[]; hasMore: boolean }>('/api/v1/reminders/failed'),
    enabled: mayRead,
    refetchInterval: 5 * 60_000,
  });
  const acknowledge = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/reminders/${id}/acknowledge`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: failedRemindersKey });
      notify(t('reminders.failed.acknowledged'));
    },
  });
  if (!mayRead || failed.isPending) return null;
  if (failed.isError) return <ProblemAlert error={failed.error} />;
  if (failed.data.items.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="failed-reminders-title" data-testid="failed-reminders">
      <Stack gap="sm">
        <Title order={2} size="h3" id="failed-reminders-title">
          {t('reminders.failed.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reminders.failed.help')}
        </Text>
        <ProblemAlert error={acknowledge.error} />
        <ul className="plain-list" aria-label={t('reminders.failed.tableLabel')}>
          {failed.data.items.map((item) => (
            <Paper component="li" key={item.id} withBorder radius="md" p="sm" data-testid="failed-reminder">
              <Group justify="space-between" align="center" gap="sm" wrap="nowrap">
                <Stack gap={2} flex="1 1 auto">
                  <Text fw={600}>
                    <Anchor component={Link} to={`/people/${item.personId}`} inherit>
                      {item.personLabel}
                    </Anchor>
                    <Text span inherit fw={400} c="dimmed">
                      {' '}
                      · {item.sessionLabel} · {formatDateTime(item.appointmentStartsAt, locale)}
                    </Text>
                  </Text>
                  <Text size="sm">
                    {t(`reminders.failed.channels.${item.channel}`)}
                    {t('common.colon')}
                    {t(`reminders.failed.codes.${item.failureCode}`)}
                  </Text>
                </Stack>
                <Button
                  variant="default"
                  size="sm"
                  onClick={() => acknowledge.mutate(item.id)}
                  loading={acknowledge.isPending && acknowledge.variables === item.id}
                  aria-label={t('reminders.failed.acknowledgeFor', { name: item.personLabel })}
                >
                  {t('reminders.failed.acknowledge')}
                </Button>
              </Group>
            </Paper>
          ))}
        </ul>
        {failed.data.hasMore && <Text size="sm">{t('reminders.failed.more')}</Text>}
      </Stack>
    </Card>
  );
}
