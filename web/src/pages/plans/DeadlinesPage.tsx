import { Anchor, Card, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { openDeadlineStatuses, useDeadlines, type DeadlineStatus } from '../../api/plan-assessments';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ScrollTable } from '../admissions/ScrollTable';
import { DeadlineBadge } from './DeadlineBadge';
import './follow-up.css';

const horizons = [7, 30, 90] as const;
const statusFilters = ['all', ...openDeadlineStatuses] as const;
type StatusFilter = (typeof statusFilters)[number];
// The most the API gives in one answer; the total says when there are more.
const limit = 500;

/**
 * The structure's deadlines (deadlines:oversee): every current episode's overdue items and those due
 * within 7, 30 or 90 days, soonest first, with the person (a discreet person by alias or initials),
 * the service and the référent. The filters live in the address, so coming back finds them again.
 */
export function DeadlinesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('statut') ?? 'all';
  const status: StatusFilter = (statusFilters as readonly string[]).includes(rawStatus) ? (rawStatus as StatusFilter) : 'all';
  const rawDays = Number(params.get('jours') ?? 30);
  const days = (horizons as readonly number[]).includes(rawDays) ? rawDays : 30;
  const deadlines = useDeadlines('structure', days, { limit });

  const setParam = (name: string, value: string, fallback: string) => {
    // From the address itself: two quick changes in a row must not lose the first.
    const next = new URLSearchParams(window.location.search);
    if (value && value !== fallback) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const all = deadlines.data?.items ?? [];
  const items = status === 'all' ? all : all.filter((i) => i.status === (status as DeadlineStatus));
  const total = deadlines.data?.total ?? 0;
  const count = deadlines.data ? (status === 'all' ? t('plans.deadlines.page.total', { count: total }) : t('plans.deadlines.page.filtered', { count: items.length, total })) : '';
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageHeading documentTitle={t('plans.deadlines.page.title')}>{t('plans.deadlines.page.title')}</PageHeading>
        <Text c="dimmed">{t('plans.deadlines.page.intro')}</Text>
      </Stack>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Group align="flex-end" gap="md" role="search" aria-label={t('plans.deadlines.page.filtersLabel')}>
            <NativeSelect
              label={t('plans.deadlines.page.statusFilter')}
              value={status}
              onChange={(event) => setParam('statut', event.currentTarget.value, 'all')}
              data={statusFilters.map((s) => ({ value: s, label: t(`plans.deadlines.page.statuses.${s}`) }))}
              flex="1 1 220px"
              maw={{ base: '100%', sm: 300 }}
            />
            <NativeSelect
              label={t('plans.deadlines.page.within')}
              value={String(days)}
              onChange={(event) => setParam('jours', event.currentTarget.value, '30')}
              data={horizons.map((d) => ({ value: String(d), label: t('plans.deadlines.page.withinDays', { count: d }) }))}
              flex="1 1 220px"
              maw={{ base: '100%', sm: 300 }}
            />
          </Group>
          {/* Always present, so a screen reader hears the count change after each filter. */}
          <Text fw={600} role="status" data-testid="deadlines-total">
            {count}
          </Text>
          {deadlines.isPending ? (
            <Loading />
          ) : !deadlines.data ? (
            <ProblemAlert error={deadlines.error} />
          ) : items.length === 0 ? (
            <Text>{t('plans.deadlines.page.empty')}</Text>
          ) : (
            <ScrollTable minWidth={780} label={t('plans.deadlines.page.tableLabel')}>
              <Table verticalSpacing="sm" striped aria-label={t('plans.deadlines.page.tableLabel')} aria-busy={deadlines.isPlaceholderData || undefined} data-testid="structure-deadlines">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('plans.deadlines.page.person')}</Table.Th>
                    <Table.Th scope="col">{t('plans.deadlines.kind')}</Table.Th>
                    <Table.Th scope="col">{t('plans.deadlines.dueOn')}</Table.Th>
                    <Table.Th scope="col">{t('plans.deadlines.status')}</Table.Th>
                    <Table.Th scope="col">{t('plans.deadlines.page.service')}</Table.Th>
                    <Table.Th scope="col">{t('plans.deadlines.page.referent')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={`${item.episodeId}-${item.kind}-${item.dueOn}`} data-testid="structure-deadline">
                      <Table.Td fw={600}>
                        <Anchor component={Link} to={`/prises-en-charge/${item.episodeId}?onglet=deadlines`} inherit>
                          {item.displayName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`plans.deadlines.kinds.${item.kind}`)}</Table.Td>
                      <Table.Td>{formatDate(item.dueOn, locale)}</Table.Td>
                      <Table.Td>
                        <DeadlineBadge deadline={item} />
                      </Table.Td>
                      <Table.Td>{item.serviceName}</Table.Td>
                      <Table.Td>{item.referentName}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {deadlines.data && total > all.length && <Text size="sm">{t('plans.deadlines.page.truncated', { shown: all.length })}</Text>}
          {deadlines.data && deadlines.isError && <ProblemAlert error={deadlines.error} />}
        </Stack>
      </Card>
    </Stack>
  );
}
