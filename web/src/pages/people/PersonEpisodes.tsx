import { Alert, Anchor, Badge, Button, Card, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { capacityBoardKey } from '../../api/capacity';
import { changeEpisodePhase, endEpisode, episodeEndReasons, episodesKey, updateEpisode, usePersonEpisodes, useStaffDirectory, type Episode, type EpisodeEndReason } from '../../api/episodes';
import { can, useActiveSession } from '../../api/session';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ScrollTable } from '../admissions/ScrollTable';
import { personSummaryKey } from './PersonSummary';
import { StaffSelect } from '../admissions/StaffSelect';

type Dialog = { kind: 'phase' | 'edit' | 'end'; episode: Episode } | null;

/**
 * The person's episodes ("prises en charge"): service, référent, coordinator, phase and its history,
 * admission, and for an ended one its reason and what follows. The care team reads them; those with
 * episode:manage change the phase, the référent, coordinator or planned end, and end an episode.
 */
export function PersonEpisodes({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const episodes = usePersonEpisodes(personId);
  const [dialog, setDialog] = useState<Dialog>(null);
  return (
    <Section id="person-episodes" title={t('admissions.episodes.title')} description={t('admissions.episodes.help')}>
      {episodes.isPending ? (
        <Loading />
      ) : episodes.isError ? (
        <ProblemAlert error={episodes.error} />
      ) : episodes.data.length === 0 ? (
        <Text c="dimmed">{t('admissions.episodes.empty')}</Text>
      ) : (
        episodes.data.map((episode) => <EpisodeCard key={episode.id} episode={episode} onAction={setDialog} />)
      )}
      {dialog?.kind === 'phase' && <PhaseDialog personId={personId} episode={dialog.episode} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <EditDialog personId={personId} episode={dialog.episode} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'end' && <EndDialog personId={personId} episode={dialog.episode} onClose={() => setDialog(null)} />}
    </Section>
  );
}

function EpisodeCard({ episode, onAction }: { episode: Episode; onAction: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const headingId = `episode-${episode.id}`;
  const manage = can(session, 'episode:manage') && !episode.endedOn;
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={headingId} data-testid="episode">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm" align="baseline">
            <Title order={3} size="h4" id={headingId}>
              {episode.serviceName}
            </Title>
            <Badge variant="light" color={episode.endedOn ? 'gray' : 'green'} tt="none" size="lg">
              {episode.endedOn ? t('admissions.episodes.endedOn', { date: formatDate(episode.endedOn, locale) }) : t('admissions.episodes.current')}
            </Badge>
          </Group>
          {manage && (
            <Group gap="xs">
              {episode.phases.length > 0 && (
                <Button size="sm" onClick={() => onAction({ kind: 'phase', episode })} aria-label={t('admissions.episodes.changePhaseFor', { service: episode.serviceName })}>
                  {t('admissions.episodes.changePhase')}
                </Button>
              )}
              <Button size="sm" variant="default" onClick={() => onAction({ kind: 'edit', episode })} aria-label={t('admissions.episodes.editFor', { service: episode.serviceName })}>
                {t('admissions.episodes.edit')}
              </Button>
              <Button size="sm" variant="default" onClick={() => onAction({ kind: 'end', episode })} aria-label={t('admissions.episodes.endFor', { service: episode.serviceName })}>
                {t('admissions.episodes.end')}
              </Button>
            </Group>
          )}
        </Group>
        <Anchor component={Link} to={`/prises-en-charge/${episode.id}`} fw={600} w="fit-content" aria-label={`${t('plans.openEpisode')} — ${episode.serviceName}`}>
          {t('plans.openEpisode')} →
        </Anchor>
        <FactGroup>
          <Fact label={t('admissions.episodes.referent')}>{episode.referentName}</Fact>
          <Fact label={t('admissions.episodes.coordinator')}>{episode.coordinatorName}</Fact>
          <Fact label={t('admissions.episodes.phase')} empty={t('admissions.episodes.noPhase')}>
            {episode.phaseLabel}
          </Fact>
          <Fact label={t('admissions.episodes.startedOn')}>{formatDate(episode.startedOn, locale)}</Fact>
          <Fact label={t('admissions.episodes.plannedEndOn')} empty={t('admissions.episodes.noPlannedEnd')}>
            {episode.plannedEndOn ? formatDate(episode.plannedEndOn, locale) : null}
          </Fact>
          <Fact label={t('admissions.episodes.admission')}>{t('admissions.episodes.admittedBy', { date: formatDateTime(episode.admission.decidedAt, locale), name: episode.admission.decidedByName })}</Fact>
          {episode.endedOn && episode.endReason && <Fact label={t('admissions.episodes.endReason')}>{t(`admissions.episodes.endReasons.${episode.endReason}`)}</Fact>}
          {episode.endedOn && <Fact label={t('admissions.episodes.aftercare')}>{episode.aftercareNote}</Fact>}
        </FactGroup>
        {episode.capacityOverrideReason && (
          <Alert color="orange" variant="light" role="note" title={t('admissions.episodes.override')}>
            <Text inherit className="keep-lines">
              {episode.capacityOverrideReason}
            </Text>
          </Alert>
        )}
        {episode.phaseChanges.length > 0 && <PhaseHistory episode={episode} />}
      </Stack>
    </Card>
  );
}

function PhaseHistory({ episode }: { episode: Episode }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // Newest first: the current phase is at the top, as in the facts above.
  const changes = [...episode.phaseChanges].reverse();
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {t('admissions.episodes.history')}
      </Title>
      <ScrollTable minWidth={560} label={t('admissions.episodes.historyLabel', { service: episode.serviceName })}>
        <Table verticalSpacing="xs" striped aria-label={t('admissions.episodes.historyLabel', { service: episode.serviceName })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('admissions.episodes.effectiveOn')}</Table.Th>
              <Table.Th scope="col">{t('admissions.episodes.change')}</Table.Th>
              <Table.Th scope="col">{t('admissions.episodes.changedBy')}</Table.Th>
              <Table.Th scope="col">{t('admissions.episodes.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => {
              const to = c.toLabel ?? c.toPhase;
              return (
                <Table.Tr key={`${c.changedAt}-${c.toPhase}`} data-testid="phase-change">
                  <Table.Td>{formatDate(c.effectiveOn, locale)}</Table.Td>
                  <Table.Td>{c.fromPhase ? t('admissions.episodes.changeFromTo', { from: c.fromLabel ?? c.fromPhase, to }) : t('admissions.episodes.changeStart', { to })}</Table.Td>
                  <Table.Td>{c.changedByName}</Table.Td>
                  <Table.Td className="keep-lines">{c.note ?? t('admissions.episodes.noNote')}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}

/** After a change, the episodes (and, for an end, the capacity board) are read again. */
function useRefreshEpisodes(personId: string) {
  const client = useQueryClient();
  return async (alsoCapacity = false) => {
    await client.invalidateQueries({ queryKey: episodesKey(personId) });
    await client.invalidateQueries({ queryKey: personSummaryKey(personId) });
    if (alsoCapacity) await client.invalidateQueries({ queryKey: capacityBoardKey });
  };
}

function EpisodeModal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      {children}
    </Modal>
  );
}

function FormButtons({ submit, pending, onClose, danger = false }: { submit: string; pending: boolean; onClose: () => void; danger?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose} disabled={pending}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending} color={danger ? 'red.8' : undefined}>
        {submit}
      </Button>
    </Group>
  );
}

interface PhaseValues extends Record<string, unknown> {
  toPhase: string;
  effectiveOn: string;
  note: string;
}

function PhaseDialog({ personId, episode, onClose }: { personId: string; episode: Episode; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const refresh = useRefreshEpisodes(personId);
  const choices = episode.phases.filter((p) => p.code !== episode.phaseCode);
  const form = useForm<PhaseValues>({
    initialValues: { toPhase: '', effectiveOn: organizationToday(), note: '' },
    validate: {
      toPhase: (v) => (v ? null : t('admissions.episodes.phaseForm.chooseRequired')),
      effectiveOn: (v) => (v ? null : t('admissions.admit.dateRequired')),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const change = useMutation({
    mutationFn: (values: PhaseValues) => changeEpisodePhase(episode.id, { toPhase: values.toPhase, effectiveOn: values.effectiveOn, note: values.note.trim() || null }),
    onSuccess: async (_r, values) => {
      notify(t('admissions.episodes.phaseForm.done', { phase: episode.phases.find((p) => p.code === values.toPhase)?.label ?? values.toPhase }));
      onClose();
      await refresh();
    },
    onError: onServerError,
  });
  return (
    <EpisodeModal title={t('admissions.episodes.phaseForm.title', { service: episode.serviceName })} onClose={onClose}>
      {choices.length === 0 ? (
        <Text>{t('admissions.episodes.phaseForm.noOtherPhase')}</Text>
      ) : (
        <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => change.mutate(values), () => focusFirstInvalid(formRef.current))}>
          <Stack gap="md">
            <ProblemAlert error={change.error} boundFields={boundFields} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
              <NativeSelect
                label={t('admissions.episodes.phaseForm.toPhase')}
                required
                data-autofocus
                data={[{ value: '', label: t('admissions.episodes.phaseForm.choose') }, ...choices.map((p) => ({ value: p.code, label: p.label }))]}
                {...form.getInputProps('toPhase')}
              />
              <TextInput type="date" label={t('admissions.episodes.phaseForm.effectiveOn')} required min={episode.startedOn} {...form.getInputProps('effectiveOn')} />
            </SimpleGrid>
            <Textarea label={t('admissions.episodes.phaseForm.note')} description={t('admissions.episodes.phaseForm.noteHelp')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
            <FormButtons submit={t('admissions.episodes.phaseForm.submit')} pending={change.isPending} onClose={onClose} />
          </Stack>
        </form>
      )}
    </EpisodeModal>
  );
}

interface EditValues extends Record<string, unknown> {
  referentId: string;
  coordinatorId: string;
  plannedEndOn: string;
}

function EditDialog({ personId, episode, onClose }: { personId: string; episode: Episode; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const refresh = useRefreshEpisodes(personId);
  const directory = useStaffDirectory();
  const form = useForm<EditValues>({
    initialValues: { referentId: episode.referentId, coordinatorId: episode.coordinatorId, plannedEndOn: episode.plannedEndOn ?? '' },
    validate: {
      referentId: (v) => (v ? null : t('admissions.admit.chooseReferent')),
      coordinatorId: (v) => (v ? null : t('admissions.admit.chooseCoordinator')),
      plannedEndOn: (v) => (v && v < episode.startedOn ? t('admissions.admit.endBeforeStart') : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: async (values: EditValues) => {
      // Only what changed: a new référent has their caseload checked, an unchanged one does not.
      const changes: { referentId?: string; coordinatorId?: string; plannedEndOn?: string | null } = {};
      if (values.referentId !== episode.referentId) changes.referentId = values.referentId;
      if (values.coordinatorId !== episode.coordinatorId) changes.coordinatorId = values.coordinatorId;
      if ((values.plannedEndOn || null) !== episode.plannedEndOn) changes.plannedEndOn = values.plannedEndOn || null;
      if (Object.keys(changes).length > 0) await updateEpisode(episode.id, changes);
      return Object.keys(changes).length > 0;
    },
    onSuccess: async (changed) => {
      if (changed) notify(t('admissions.episodes.editForm.done'));
      onClose();
      if (changed) await refresh(true);
    },
    onError: onServerError,
  });
  return (
    <EpisodeModal title={t('admissions.episodes.editForm.title', { service: episode.serviceName })} onClose={onClose}>
      {directory.isPending ? (
        <Loading />
      ) : directory.isError ? (
        <ProblemAlert error={directory.error} />
      ) : (
        <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
          <Stack gap="md">
            <ProblemAlert error={save.error} boundFields={boundFields} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
              <StaffSelect staff={directory.data} label={t('admissions.admit.referent')} description={t('admissions.admit.referentHelp')} required data-autofocus {...form.getInputProps('referentId')} />
              <StaffSelect staff={directory.data} label={t('admissions.admit.coordinator')} description={t('admissions.admit.coordinatorHelp')} required {...form.getInputProps('coordinatorId')} />
              <TextInput type="date" label={t('admissions.admit.plannedEndOn')} description={t('admissions.episodes.editForm.plannedEndHelp')} min={episode.startedOn} {...form.getInputProps('plannedEndOn')} />
            </SimpleGrid>
            <FormButtons submit={t('admissions.episodes.editForm.submit')} pending={save.isPending} onClose={onClose} />
          </Stack>
        </form>
      )}
    </EpisodeModal>
  );
}

interface EndValues extends Record<string, unknown> {
  endedOn: string;
  endReason: EpisodeEndReason | '';
  aftercareNote: string;
}

function EndDialog({ personId, episode, onClose }: { personId: string; episode: Episode; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const locale = currentLocale();
  const refresh = useRefreshEpisodes(personId);
  const form = useForm<EndValues>({
    initialValues: { endedOn: organizationToday(), endReason: '', aftercareNote: '' },
    validate: {
      endedOn: (v) => (!v ? t('admissions.admit.dateRequired') : v < episode.startedOn ? t('admissions.episodes.endForm.endBeforeStart', { date: formatDate(episode.startedOn, locale) }) : null),
      endReason: (v) => (v ? null : t('admissions.episodes.endForm.reasonRequired')),
      aftercareNote: (v) => (v.trim().length >= 3 ? null : t('admissions.episodes.endForm.aftercareRequired')),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const end = useMutation({
    mutationFn: (values: EndValues) => endEpisode(episode.id, { endedOn: values.endedOn, endReason: values.endReason as EpisodeEndReason, aftercareNote: values.aftercareNote.trim() }),
    onSuccess: async () => {
      notify(t('admissions.episodes.endForm.done', { service: episode.serviceName }));
      onClose();
      await refresh(true);
    },
    onError: onServerError,
  });
  return (
    <EpisodeModal title={t('admissions.episodes.endForm.title', { service: episode.serviceName })} onClose={onClose}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => end.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="md">
          <Text>{t('admissions.episodes.endForm.intro')}</Text>
          <ProblemAlert error={end.error} boundFields={boundFields} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
            <TextInput type="date" label={t('admissions.episodes.endForm.endedOn')} required min={episode.startedOn} data-autofocus {...form.getInputProps('endedOn')} />
            <NativeSelect
              label={t('admissions.episodes.endForm.reason')}
              required
              data={[{ value: '', label: t('admissions.episodes.endForm.choose') }, ...episodeEndReasons.map((r) => ({ value: r, label: t(`admissions.episodes.endReasons.${r}`) }))]}
              {...form.getInputProps('endReason')}
            />
          </SimpleGrid>
          <Textarea label={t('admissions.episodes.endForm.aftercare')} description={t('admissions.episodes.endForm.aftercareHelp')} required autosize minRows={3} maxLength={4000} {...form.getInputProps('aftercareNote')} />
          <FormButtons submit={t('admissions.episodes.endForm.submit')} pending={end.isPending} onClose={onClose} danger />
        </Stack>
      </form>
    </EpisodeModal>
  );
}
