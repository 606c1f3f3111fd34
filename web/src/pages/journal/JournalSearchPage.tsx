import { Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { journalEntryKinds, journalSearchKey, type JournalSearchHit, type JournalSearchResult } from '../../api/journal';
import { focusFirstInvalid } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { KindBadge, LevelLabel } from './journal-parts';
import './journal.css';

interface Values extends Record<string, unknown> {
  q: string;
  kind: string;
  from: string;
  to: string;
}

/**
 * "Rechercher dans le journal" (/journal/recherche): French full-text search over the entries the
 * user may read, accents ignored, best matches first, the matching words marked. The search lives in
 * the address (?q=…&personId=…), so the person's record can link to a search in their journal.
 */
export function JournalSearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId') ?? '';
  const submitted = { q: params.get('q') ?? '', kind: params.get('kind') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const form = useForm<Values>({
    initialValues: submitted,
    validate: {
      q: (v) => (v.trim().length >= 2 ? null : t('validation.minLength', { count: 2 })),
    },
  });
  const formRef = useRef<HTMLFormElement>(null);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...submitted, personId })) if (value) query.set(key, value);
  const search = useInfiniteQuery({
    queryKey: journalSearchKey(query.toString()),
    queryFn: ({ pageParam }) => api.get<JournalSearchResult>(`/api/v1/journal/search?${query.toString()}&limit=20&offset=${pageParam}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
    enabled: submitted.q.trim().length >= 2,
  });
  const hits = search.data?.pages.flatMap((p) => p.items) ?? [];
  const submit = (v: Values) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries({ q: v.q.trim(), kind: v.kind, from: v.from, to: v.to, personId })) if (value) next.set(key, value);
    setParams(next);
  };
  return (
    <Stack gap="lg">
      {personId && (
        <Anchor component={Link} to={`/people/${personId}`} size="sm" w="fit-content">
          ← {t('person.title')}
        </Anchor>
      )}
      <Stack gap={4}>
        <PageHeading documentTitle={t('journal.search.title')}>{t('journal.search.title')}</PageHeading>
        <Text c="dimmed">{t('journal.search.intro')}</Text>
      </Stack>
      <Card withBorder radius="md" padding="lg">
        <form ref={formRef} noValidate role="search" onSubmit={form.onSubmit(submit, () => focusFirstInvalid(formRef.current))}>
          <Stack>
            {personId && (
              <Group gap="sm">
                <Text size="sm">{t('journal.search.personOnly')}</Text>
                <Anchor component={Link} to={`/journal/recherche?${new URLSearchParams(submitted.q ? { q: submitted.q } : {}).toString()}`} size="sm">
                  {t('journal.search.allPeople')}
                </Anchor>
              </Group>
            )}
            <TextInput type="search" label={t('journal.search.query')} description={t('journal.search.queryHelp')} required maxLength={200} {...form.getInputProps('q')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect label={t('journal.search.kind')} data={[{ value: '', label: t('journal.list.allKinds') }, ...journalEntryKinds.map((k) => ({ value: k, label: t(`journal.kinds.${k}`) }))]} {...form.getInputProps('kind')} />
              <TextInput type="date" label={t('journal.search.from')} {...form.getInputProps('from')} />
              <TextInput type="date" label={t('journal.search.to')} {...form.getInputProps('to')} />
            </SimpleGrid>
            <Button type="submit" w="fit-content">
              {t('journal.search.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
      {submitted.q.trim().length >= 2 &&
        (search.isPending ? (
          <Loading />
        ) : search.isError ? (
          <ProblemAlert error={search.error} />
        ) : (
          <Stack gap="md" component="section" aria-labelledby="journal-results-title">
            <Title order={2} size="h3" id="journal-results-title" aria-live="polite">
              {hits.length === 0 ? t('journal.search.none') : search.hasNextPage ? t('journal.search.resultsMore', { count: hits.length }) : t('journal.search.results', { count: hits.length })}
            </Title>
            <Stack component="ol" gap="md" className="journal-list">
              {hits.map((hit) => (
                <li key={hit.id}>
                  <SearchHit hit={hit} />
                </li>
              ))}
            </Stack>
            {search.hasNextPage && (
              <Button variant="default" w="fit-content" loading={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
                {t('journal.search.more')}
              </Button>
            )}
          </Stack>
        ))}
    </Stack>
  );
}

function SearchHit({ hit }: { hit: JournalSearchHit }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const titleId = `journal-hit-${hit.id}`;
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={titleId} data-testid="journal-hit">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Group gap="sm">
            <KindBadge kind={hit.kind} />
            <Title order={3} size="h5" id={titleId}>
              {hit.personLabel} · {formatDateTime(hit.occurredAt, locale)}
            </Title>
          </Group>
          <LevelLabel level={hit.confidentiality} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('journal.list.by', { name: hit.authorName })}
        </Text>
        {/* Plain-text parts from the server: the entry's own text is never read as markup. */}
        <Text className="journal-excerpt journal-text">
          {hit.excerpt.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
        </Text>
        <Anchor component={Link} to={`/prises-en-charge/${hit.episodeId}?onglet=journal`} size="sm" w="fit-content">
          {t('journal.search.openEpisode')}
        </Anchor>
      </Stack>
    </Card>
  );
}
