import { Anchor, Badge, Button, Group, Popover, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { markAllNotificationsRead, notificationsKey, useNotifications, type StaffNotification } from '../api/notifications';
import { formatDateTime } from '../format';
import { currentLocale } from '../i18n/setup';

/** The header's bell: how many notifications are unread, and the latest ones in a panel. */
export function NotificationBell() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const notifications = useNotifications();
  const [opened, setOpened] = useState(false);
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];
  // A notification in words: its payload carries services and counts, never a person.
  const describe = (item: StaffNotification): string => {
    if (item.kind === 'appointment_missed' && typeof item.payload.startsAt === 'string') {
      return t('admissions.notifications.appointmentMissed', { when: formatDateTime(item.payload.startsAt, locale) });
    }
    const escalationWords = { escalation_raised: 'raised', escalation_climbed: 'climbed', escalation_acknowledged: 'acknowledged', escalation_follow_up: 'followUp', escalation_closed: 'closed' } as const;
    if (item.kind in escalationWords) {
      const severity = typeof item.payload.severity === 'string' ? t(`escalations.severities.${item.payload.severity}`) : '';
      return t(`escalations.notifications.${escalationWords[item.kind as keyof typeof escalationWords]}`, { severity });
    }
    if (item.kind !== 'place_freed') return t('admissions.notifications.other');
    const service = typeof item.payload.serviceName === 'string' ? item.payload.serviceName : '';
    const count = typeof item.payload.waiting === 'number' ? item.payload.waiting : 0;
    return t('admissions.notifications.placeFreed', { service, count });
  };
  const markRead = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsKey }),
  });
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" trapFocus returnFocus withinPortal>
      <Popover.Target>
        <Button
          variant={unread > 0 ? 'light' : 'subtle'}
          size="sm"
          px="xs"
          onClick={() => setOpened((o) => !o)}
          aria-label={t('admissions.notifications.button', { count: unread })}
          data-testid="notification-bell"
          rightSection={
            unread > 0 ? (
              <Badge color="red.8" variant="filled" size="sm" circle aria-hidden="true">
                {unread > 99 ? '99+' : unread}
              </Badge>
            ) : undefined
          }
        >
          <BellIcon />
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-labelledby="notifications-title">
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h5" id="notifications-title">
              {t('admissions.notifications.title')}
            </Title>
            {unread > 0 && (
              <Button size="xs" variant="subtle" onClick={() => markRead.mutate()} loading={markRead.isPending}>
                {t('admissions.notifications.markAllRead')}
              </Button>
            )}
          </Group>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('admissions.notifications.empty')}
            </Text>
          ) : (
            <ul className="plain-list notification-list">
              {items.map((item) => (
                <li key={item.id}>
                  <Stack gap={2}>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      {!item.readAt && (
                        <Badge color="relais" variant="light" size="sm" tt="none" flex="none">
                          {t('admissions.notifications.unread')}
                        </Badge>
                      )}
                      <Anchor component={Link} to={linkFor(item)} size="sm" fw={item.readAt ? 400 : 600} onClick={() => setOpened(false)}>
                        {describe(item)}
                      </Anchor>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(item.createdAt, locale)}
                    </Text>
                  </Stack>
                </li>
              ))}
            </ul>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function linkFor(item: StaffNotification): string {
  if (item.kind === 'appointment_missed' && typeof item.payload.appointmentId === 'string') return `/rendez-vous/${item.payload.appointmentId}`;
  if (item.kind.startsWith('escalation_') && typeof item.payload.escalationId === 'string') return `/signalements/${item.payload.escalationId}`;
  return item.kind === 'place_freed' ? '/liste-attente' : '/';
}

function BellIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
