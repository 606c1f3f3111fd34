import { Alert, Button, Card, Group, Modal, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deadlinesKey, episodeDeadlinesKey, recordSituationChange, useEpisodeDeadlines } from '../../api/plan-assessments';
import { can, useActiveSession } from '../../api/session';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ScrollTable } from '../admissions/ScrollTable';
import { DeadlineBadge } from './DeadlineBadge';
import type { EpisodeView } from './EpisodePage';
import './follow-up.css';

/**
 * The episode's deadlines, done or not: the contract handed over within 15 days and signed within
 * a month, the objectives annex within six months, the yearly review of the plan, and a review
 * within a month of each change of situation, which the team notes here.
 */
export function DeadlinesTab({ episode }: { episode: EpisodeView }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const deadlines = useEpisodeDeadlines(episode.id);
  const [noting, setNoting] = useState(false);
  const noteButton = useRef<HTMLButtonElement>(null);
  const write = can(session, 'person:update') && !episode.endedOn;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4} maw={640}>
          <Title order={2} size="h3">
            {t('plans.deadlines.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('plans.deadlines.intro')}
          </Text>
        </Stack>
        {write && (
          <Button ref={noteButton} variant="default" onClick={() => setNoting(true)}>
            {t('plans.deadlines.situation.open')}
          </Button>
        )}
      </Group>
      {deadlines.isPending ? (
        <Loading />
      ) : deadlines.isError ? (
        <ProblemAlert error={deadlines.error} />
      ) : deadlines.data.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <Text>{t('plans.deadlines.empty')}</Text>
        </Card>
      ) : (
        <ScrollTable minWidth={600} label={t('plans.deadlines.tableLabel')}>
          <Table verticalSpacing="sm" striped aria-label={t('plans.deadlines.tableLabel')} data-testid="episode-deadlines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plans.deadlines.kind')}</Table.Th>
                <Table.Th scope="col">{t('plans.deadlines.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('plans.deadlines.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deadlines.data.map((d) => (
                <Table.Tr key={`${d.kind}-${d.dueOn}`} data-testid="deadline-row" data-kind={d.kind}>
                  <Table.Td fw={600}>{t(`plans.deadlines.kinds.${d.kind}`)}</Table.Td>
                  <Table.Td>{formatDate(d.dueOn, locale)}</Table.Td>
                  <Table.Td>
                    <DeadlineBadge deadline={d} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Text size="sm" c="dimmed">
        {t('plans.deadlines.settingsNote')}
      </Text>
      {noting && (
        <SituationChangeDialog
          episode={episode}
          onClose={() => {
            setNoting(false);
            requestAnimationFrame(() => noteButton.current?.focus());
          }}
        />
      )}
    </Stack>
  );
}

interface SituationValues extends Record<string, unknown> {
  notedOn: string;
  note: string;
}

/** A change in the person's situation: the plan is to be reviewed within a month of it. */
function SituationChangeDialog({ episode, onClose }: { episode: EpisodeView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const today = organizationToday();
  const form = useForm<SituationValues>({
    initialValues: { notedOn: today, note: '' },
    validate: {
      notedOn: (v) => (!v ? t('plans.deadlines.situation.dateRequired') : v < episode.startedOn ? t('plans.deadlines.situation.beforeStart', { date: formatDate(episode.startedOn, locale) }) : v > today ? t('plans.deadlines.situation.dateFuture') : null),
      note: (v) => (v.trim().length === 0 ? t('plans.deadlines.situation.noteRequired') : v.trim().length > 2000 ? t('plans.deadlines.situation.noteTooLong', { max: 2000 }) : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const record = useMutation({
    mutationFn: (values: SituationValues) => recordSituationChange(episode.id, { notedOn: values.notedOn, note: values.note.trim() }),
    onSuccess: async (_r, values) => {
      notify(t('plans.deadlines.situation.recorded', { date: formatDate(values.notedOn, locale) }));
      onClose();
      await client.invalidateQueries({ queryKey: episodeDeadlinesKey(episode.id) });
      await client.invalidateQueries({ queryKey: deadlinesKey });
    },
    onError: onServerError,
  });
  return (
    <Modal opened onClose={onClose} title={t('plans.deadlines.situation.title')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => record.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="md">
          <Text>{t('plans.deadlines.situation.help')}</Text>
          <Alert color="relais" variant="light" role="note">
            {t('plans.deadlines.situation.beforePlan')}
          </Alert>
          <ProblemAlert error={record.error} boundFields={boundFields} />
          <TextInput type="date" label={t('plans.deadlines.situation.notedOn')} required min={episode.startedOn} max={today} w={{ base: '100%', sm: 260 }} data-autofocus {...form.getInputProps('notedOn')} />
          <Textarea label={t('plans.deadlines.situation.note')} description={t('plans.deadlines.situation.noteHelp')} required autosize minRows={3} maxRows={10} maxLength={2000} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={record.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t('plans.deadlines.situation.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
