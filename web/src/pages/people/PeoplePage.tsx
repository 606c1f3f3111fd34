import { Anchor, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { can, useActiveSession } from '../../api/session';
import type { PeoplePage as PeoplePageData } from '../../api/types';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';

const pageSize = 25;

/** The people whose care team I am on (the server lists no one else), a page at a time. */
export function PeoplePage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const people = useInfiniteQuery({
    queryKey: ['people'],
    queryFn: ({ pageParam }) => api.get<PeoplePageData>(`/api/v1/people?limit=${pageSize}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <PageHeading documentTitle={t('people.title')}>{t('people.title')}</PageHeading>
          <Text c="dimmed">{t('people.intro')}</Text>
        </Stack>
        {can(session, 'person:create') && (
          <Button component={Link} to="/people/new">
            {t('people.create')}
          </Button>
        )}
      </Group>
      {people.isPending ? (
        <Loading />
      ) : !people.data ? (
        <ProblemAlert error={people.error} />
      ) : items.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <Text>{t('people.empty')}</Text>
        </Card>
      ) : (
        <Card withBorder radius="md" padding="lg">
          <Table verticalSpacing="sm" aria-label={t('people.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('people.name')}</Table.Th>
                <Table.Th scope="col">{t('person.birthDate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${person.id}`} fw={600}>
                      {person.lastName !== null && person.firstName !== null ? `${person.lastName.toLocaleUpperCase(locale)} ${person.firstName}` : person.displayName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{person.birthDate ? formatDate(person.birthDate, locale) : <Text span inherit c="dimmed">{t('person.birthDateUnknown')}</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" mt="md">
            <Text size="sm" c="dimmed" role="status">
              {t('people.shown', { count: items.length })}
            </Text>
            {people.hasNextPage && (
              <Button variant="default" onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage}>
                {t('people.loadMore')}
              </Button>
            )}
          </Group>
          {people.isError && <ProblemAlert error={people.error} />}
        </Card>
      )}
      <Text size="sm" c="dimmed">
        {t('people.needToKnow')}
      </Text>
    </Stack>
  );
}
