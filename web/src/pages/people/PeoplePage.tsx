import { Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { can, useActiveSession } from '../../api/session';
import { publicCategories, type PeoplePage as PeoplePageData, type PersonSummary, type PublicCategory } from '../../api/types';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';

const pageSize = 25;

const isCategory = (value: string | null): value is PublicCategory => publicCategories.includes(value as PublicCategory);

/**
 * The people whose care team I am on (the server lists no one else), a page at a time, or found by
 * name. The search and the filter live in the address, so coming back from a record finds them again.
 */
export function PeoplePage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const rawCategory = params.get('category');
  const category = isCategory(rawCategory) ? rawCategory : '';
  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);

  // What the user typed goes to the address once they pause; an address changed otherwise (the
  // navigation link, the back button) goes to the field. The ref tells the two apart.
  const lastSearch = useRef(debouncedSearch);
  useEffect(() => {
    if (q !== lastSearch.current) {
      lastSearch.current = q;
      setSearch(q);
    }
  }, [q]);
  useEffect(() => {
    if (debouncedSearch === lastSearch.current) return;
    lastSearch.current = debouncedSearch;
    if (debouncedSearch === q) return;
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (debouncedSearch) next.set('q', debouncedSearch);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
    // Only a new typed value writes the address: q and setParams are read, not followed.
  }, [debouncedSearch]);

  const setCategory = (value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set('category', value);
        else next.delete('category');
        return next;
      },
      { replace: true },
    );

  const people = useInfiniteQuery({
    queryKey: ['people', { q, category }],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (pageParam) query.set('cursor', pageParam);
      if (q) query.set('q', q);
      if (category) query.set('category', category);
      return api.get<PeoplePageData>(`/api/v1/people?${query.toString()}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new search runs, the previous results stay on screen instead of a spinner.
    placeholderData: keepPreviousData,
  });
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = q !== '' || category !== '' || search.trim() !== '';
  // Nobody on any of my teams yet: a search field would only be noise.
  const showFilters = filtered || items.length > 0 || people.isPending;
  const moreMatches = people.data?.pages.at(-1)?.moreMatches === true;
  const status = items.length > 0 ? `${t('people.shown', { count: items.length })}${moreMatches ? ` ${t('people.moreMatches')}` : ''}` : filtered && !people.isPlaceholderData ? (category && !q ? t('people.noMatchCategory') : t('people.noMatch')) : '';

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
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          {showFilters && (
          <Group align="flex-end" gap="md" role="search">
            <TextInput
              type="search"
              label={t('people.searchLabel')}
              description={t('people.searchHelp')}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              maxLength={100}
              autoComplete="off"
              flex="1 1 280px"
            />
            <NativeSelect
              label={t('people.categoryFilter')}
              value={category}
              onChange={(event) => setCategory(event.currentTarget.value)}
              data={[{ value: '', label: t('people.allCategories') }, ...publicCategories.map((c) => ({ value: c, label: t(`person.categories.${c}`) }))]}
              flex="1 1 240px"
              maw={{ base: '100%', sm: 360 }}
            />
          </Group>
          )}
          {people.isPending ? (
            <Loading />
          ) : !people.data ? (
            <ProblemAlert error={people.error} />
          ) : (
            <PeopleTable items={items} filtered={filtered} busy={people.isPlaceholderData} />
          )}
          {people.data && (
            <Group justify="space-between">
              {/* Always present, so a screen reader hears the count change after each search. */}
              <Text size="sm" c={items.length > 0 ? 'dimmed' : undefined} role="status">
                {status}
              </Text>
              {people.hasNextPage && (
                <Button variant="default" onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage}>
                  {t('people.loadMore')}
                </Button>
              )}
            </Group>
          )}
          {people.data && people.isError && <ProblemAlert error={people.error} />}
        </Stack>
      </Card>
      <Text size="sm" c="dimmed">
        {t('people.needToKnow')}
      </Text>
    </Stack>
  );
}

function PeopleTable({ items, filtered, busy }: { items: PersonSummary[]; filtered: boolean; busy: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // A search that finds no one says so in the status line below (announced); an empty caseload, here.
  if (items.length === 0) return filtered ? null : <Text>{t('people.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="sm" aria-label={t('people.tableLabel')} aria-busy={busy || undefined}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('people.name')}</Table.Th>
            <Table.Th scope="col">{t('person.birthDate')}</Table.Th>
            <Table.Th scope="col">{t('people.category')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((person) => (
            <Table.Tr key={person.id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={`/people/${person.id}`} fw={600}>
                    {person.lastName !== null && person.firstName !== null ? `${person.lastName.toLocaleUpperCase(locale)} ${person.firstName}` : person.displayName}
                  </Anchor>
                  {person.discreet && (
                    <Badge variant="light" color="gray" size="md" tt="none">
                      {t('people.discreetBadge')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {person.discreet ? (
                  <Text span inherit c="dimmed">
                    {t('people.birthDateHidden')}
                  </Text>
                ) : person.birthDate ? (
                  formatDate(person.birthDate, locale)
                ) : (
                  <>
                    <span aria-hidden="true">—</span>
                    <VisuallyHidden>{t('person.birthDateUnknown')}</VisuallyHidden>
                  </>
                )}
              </Table.Td>
              <Table.Td>{t(`person.categories.${person.publicCategory}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
