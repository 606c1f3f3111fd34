import { Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { inboxFilters, useReferralInbox, type InboxFilter, type ReferralInboxItem } from '../../api/referrals';
import { useServices } from '../../api/services';
import { can, useActiveSession } from '../../api/session';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { receivedAgo, referrerLine } from './referral-words';
import { StatusBadge, UrgencyBadge } from './ReferralBadges';

const pageSize = 50;
const maxLimit = 200;
const isFilter = (value: string | null): value is InboxFilter => inboxFilters.includes(value as InboxFilter);

/**
 * The referral inbox of the roles that triage: requests still waiting for a decision, the most
 * urgent first, then the oldest (nobody waits forgotten at the bottom). The filters live in the
 * address, so coming back from a request finds them again.
 */
export function ReferralsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const filter: InboxFilter = isFilter(rawStatus) ? rawStatus : 'open';
  const serviceId = params.get('service') ?? '';
  const [limit, setLimit] = useState(pageSize);
  const inbox = useReferralInbox(filter, serviceId, limit);
  const services = useServices(true);

  const setParam = (name: string, value: string, fallback: string) => {
    setLimit(pageSize);
    // From the address itself: two quick changes in a row must not lose the first (navigation renders later).
    const next = new URLSearchParams(window.location.search);
    if (value && value !== fallback) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const items = inbox.data?.items ?? [];
  const status = inbox.data ? (items.length > 0 ? t('referrals.shown', { count: items.length }) : '') : '';
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <PageHeading documentTitle={t('referrals.title')}>{t('referrals.title')}</PageHeading>
          <Text c="dimmed">{t('referrals.intro')}</Text>
        </Stack>
        {can(session, 'referral:record') && (
          <Button component={Link} to="/demandes/nouvelle">
            {t('referrals.create')}
          </Button>
        )}
      </Group>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Group align="flex-end" gap="md" role="search" aria-label={t('referrals.filtersLabel')}>
            <NativeSelect
              label={t('referrals.statusFilter')}
              value={filter}
              onChange={(event) => setParam('status', event.currentTarget.value, 'open')}
              data={inboxFilters.map((f) => ({ value: f, label: t(`referrals.filters.${f}`) }))}
              flex="1 1 220px"
              maw={{ base: '100%', sm: 320 }}
            />
            <NativeSelect
              label={t('referrals.serviceFilter')}
              value={serviceId}
              onChange={(event) => setParam('service', event.currentTarget.value, '')}
              data={[{ value: '', label: t('referrals.allServices') }, ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
              flex="1 1 220px"
              maw={{ base: '100%', sm: 360 }}
            />
          </Group>
          {inbox.isPending ? (
            <Loading />
          ) : !inbox.data ? (
            <ProblemAlert error={inbox.error} />
          ) : items.length === 0 ? (
            <Text>{filter === 'open' && !serviceId ? t('referrals.emptyOpen') : t('referrals.empty')}</Text>
          ) : (
            <ul className="plain-list" aria-label={t('referrals.listLabel')} aria-busy={inbox.isPlaceholderData || undefined}>
              {items.map((item) => (
                <InboxEntry key={item.id} item={item} showStatus={filter === 'all'} />
              ))}
            </ul>
          )}
          {inbox.data && (
            <Group justify="space-between" gap="sm">
              {/* Always present, so a screen reader hears the count change after each filter. */}
              <Text size="sm" c="dimmed" role="status">
                {status}
              </Text>
              {inbox.data.hasMore &&
                (limit < maxLimit ? (
                  <Button variant="default" onClick={() => setLimit((l) => Math.min(maxLimit, l + pageSize))} loading={inbox.isFetching}>
                    {t('referrals.loadMore')}
                  </Button>
                ) : (
                  <Text size="sm">{t('referrals.moreThanShown', { count: maxLimit })}</Text>
                ))}
            </Group>
          )}
          {inbox.data && inbox.isError && <ProblemAlert error={inbox.error} />}
        </Stack>
      </Card>
    </Stack>
  );
}

function InboxEntry({ item, showStatus }: { item: ReferralInboxItem; showStatus: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const titleId = `referral-${item.id}`;
  return (
    <li>
      <Card withBorder radius="md" padding="md" component="article" aria-labelledby={titleId} data-testid="referral-entry">
        <Stack gap={6}>
          <Group justify="space-between" align="flex-start" gap="xs">
            <Title order={2} size="h4" id={titleId}>
              <Anchor component={Link} to={`/demandes/${item.id}`} inherit>
                {item.displayName}
              </Anchor>
            </Title>
            <Group gap={6}>
              <UrgencyBadge urgency={item.urgency} />
              {(showStatus || item.status !== 'new') && <StatusBadge status={item.status} />}
            </Group>
          </Group>
          <Text size="sm">
            <Text span inherit c="dimmed">
              {t('referrals.from')}
              {t('common.colon')}
            </Text>
            {referrerLine(item, t)}
          </Text>
          <Text size="sm">
            <Text span inherit c="dimmed">
              {t('referrals.serviceAsked')}
              {t('common.colon')}
            </Text>
            {item.serviceName ?? t('referrals.noServiceAsked')}
          </Text>
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              <Text span inherit c="dimmed">
                {t('referrals.received')}
                {t('common.colon')}
              </Text>
              <time dateTime={item.receivedAt} title={formatDateTime(item.receivedAt, locale)}>
                {receivedAgo(item.receivedAt, locale)}
              </time>
            </Text>
            {!item.consentToShare && (
              <Badge color="orange" variant="light" size="lg" tt="none" data-testid="no-consent">
                {t('referrals.noConsentBadge')}
              </Badge>
            )}
          </Group>
        </Stack>
      </Card>
    </li>
  );
}
