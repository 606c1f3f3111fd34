import { Anchor, Button, Card, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useIdempotencyKey } from '../../api/idempotency';
import { episodeJournalKey, journalEntryKinds, type JournalEntry, type JournalPage } from '../../api/journal';
import { can, useActiveSession } from '../../api/session';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { RaiseEscalationButton } from '../escalations/RaiseEscalationButton';
import { EntryForm } from './EntryForm';
import { KindBadge, LevelLabel } from './journal-parts';
import './journal.css';

/**
 * The episode's journal ("Journal" tab): the entries the reader may read, newest first, each with
 * its kind, who can read it, its author and date, its amendments; a form to write one; edit within
 * 24 hours and amend after. The server decides what each reader sees and may do.
 */
export function JournalTab({ episode }: { episode: { id: string; personId: string; endedOn: string | null } }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [writing, setWriting] = useState(false);
  const [kind, setKind] = useState('');
  const pages = useInfiniteQuery({
    queryKey: [...episodeJournalKey(episode.id), kind],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: '20' });
      if (kind) query.set('kind', kind);
      if (pageParam) query.set('cursor', pageParam);
      return api.get<JournalPage>(`/api/v1/episodes/${episode.id}/journal?${query.toString()}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4} maw={640}>
          <Title order={2} size="h3">
            {t('journal.tab')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('journal.intro')}
          </Text>
        </Stack>
        {can(session, 'journal:write') && !writing && <Button onClick={() => setWriting(true)}>{t('journal.write.open')}</Button>}
      </Group>
      {writing && (
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="journal-new-title">
          <Title order={3} size="h4" id="journal-new-title" mb="sm">
            {t('journal.write.title')}
          </Title>
          <EntryForm episodeId={episode.id} personId={episode.personId} onDone={() => setWriting(false)} />
        </Card>
      )}
      <NativeSelect
        label={t('journal.list.filter')}
        w={{ base: '100%', sm: 320 }}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value)}
        data={[{ value: '', label: t('journal.list.allKinds') }, ...journalEntryKinds.map((k) => ({ value: k, label: t(`journal.kinds.${k}`) }))]}
      />
      {pages.isPending ? (
        <Loading />
      ) : pages.isError ? (
        <ProblemAlert error={pages.error} />
      ) : entries.length === 0 ? (
        <Text>{kind ? t('journal.list.emptyFiltered') : t('journal.list.empty')}</Text>
      ) : (
        <Stack component="ol" gap="md" className="journal-list" aria-label={t('journal.list.title')}>
          {entries.map((entry) => (
            <li key={entry.id}>
              <EntryCard entry={entry} />
            </li>
          ))}
        </Stack>
      )}
      {pages.hasNextPage && (
        <Button variant="default" w="fit-content" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {t('journal.list.more')}
        </Button>
      )}
    </Stack>
  );
}

function EntryCard({ entry }: { entry: JournalEntry }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [mode, setMode] = useState<'read' | 'edit' | 'amend'>('read');
  const titleId = `journal-entry-${entry.id}`;
  const kindLabel = t(`journal.kinds.${entry.kind}`);
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={titleId} data-testid="journal-entry">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Group gap="sm" align="center">
            <KindBadge kind={entry.kind} />
            <Title order={3} size="h5" id={titleId} className="journal-entry-title">
              <VisuallyHidden>{t('journal.list.entryLabel', { kind: kindLabel, date: formatDateTime(entry.occurredAt, locale) })}</VisuallyHidden>
              <span aria-hidden="true">{formatDateTime(entry.occurredAt, locale)}</span>
            </Title>
          </Group>
          <LevelLabel level={entry.confidentiality} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('journal.list.by', { name: entry.authorName })}
          {entry.revision > 1 + entry.amendments.length ? ` · ${t('journal.list.edited')}` : ''}
        </Text>
        {mode === 'edit' ? (
          <EntryForm episodeId={entry.episodeId} personId={entry.personId} entry={entry} onDone={() => setMode('read')} />
        ) : (
          <Text className="journal-text">{entry.text}</Text>
        )}
        {(entry.goal || entry.appointment) && (
          <Group gap="md">
            {entry.goal && <Text size="sm">{t('journal.list.goal', { label: entry.goal.label ?? t('journal.list.goalUnknown') })}</Text>}
            {entry.appointment && (
              <Anchor component={Link} to={`/rendez-vous/${entry.appointment.id}`} size="sm">
                {t('journal.list.appointment', { date: formatDateTime(entry.appointment.startsAt, locale) })}
              </Anchor>
            )}
          </Group>
        )}
        {entry.amendments.length > 0 && (
          <Stack gap={6} className="journal-amendments" component="section" aria-label={t('journal.amend.listTitle')}>
            <Text size="sm" fw={600}>
              {t('journal.amend.listTitle')}
            </Text>
            {entry.amendments.map((a) => (
              <div key={a.number}>
                <Text size="sm" c="dimmed">
                  {t('journal.amend.item', { date: formatDateTime(a.createdAt, locale), name: a.authorName })}
                  {a.reason ? ` · ${t('journal.amend.reasonShown', { reason: a.reason })}` : ''}
                </Text>
                <Text className="journal-text">{a.text}</Text>
              </div>
            ))}
          </Stack>
        )}
        {mode === 'amend' && <AmendForm entry={entry} onDone={() => setMode('read')} />}
        {mode === 'read' && (
          <Group gap="xs">
            {entry.canEdit && (
              <Button variant="default" size="xs" onClick={() => setMode('edit')} aria-describedby={`${titleId}-until`}>
                {t('journal.edit.button')}
              </Button>
            )}
            {entry.canAmend && (
              <Button variant="default" size="xs" onClick={() => setMode('amend')}>
                {t('journal.amend.button')}
              </Button>
            )}
            <RaiseEscalationButton entryId={entry.id} personId={entry.personId} />
            {entry.canEdit && (
              <Text size="xs" c="dimmed" id={`${titleId}-until`}>
                {t('journal.edit.until', { date: formatDateTime(entry.editableUntil, locale) })}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

interface AmendValues extends Record<string, unknown> {
  text: string;
  reason: string;
}

function AmendForm({ entry, onDone }: { entry: JournalEntry; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const idempotency = useIdempotencyKey();
  const form = useForm<AmendValues>({
    initialValues: { text: '', reason: '' },
    validate: {
      text: (v) => (v.trim() ? null : t('validation.required')),
      reason: (v) => (v.trim().length >= 2 ? null : t('validation.minLength', { count: 2 })),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const amend = useMutation({
    mutationFn: (v: AmendValues) => {
      const body = { text: v.text.trim(), reason: v.reason.trim() };
      return api.postIdempotent<JournalEntry>(`/api/v1/journal/entries/${entry.id}/amendments`, body, idempotency.keyFor(body));
    },
    onSuccess: () => {
      idempotency.done();
      notify(t('journal.amend.saved'));
      void client.invalidateQueries({ queryKey: ['journal'] });
      onDone();
    },
    onError: onServerError,
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => amend.mutate(v), () => focusFirstInvalid(formRef.current))} aria-label={t('journal.amend.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('journal.amend.help')}</Text>
        <ProblemAlert error={amend.error} boundFields={boundFields} />
        <Textarea label={t('journal.amend.text')} required autosize minRows={3} maxLength={20000} {...form.getInputProps('text')} />
        <TextInput label={t('journal.amend.reason')} description={t('journal.amend.reasonHelp')} required maxLength={500} {...form.getInputProps('reason')} />
        <Group>
          <Button type="submit" loading={amend.isPending}>
            {t('journal.amend.submit')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
