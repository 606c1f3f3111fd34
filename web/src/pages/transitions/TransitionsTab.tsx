import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Modal, NativeSelect, Progress, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useIdempotencyKey } from '../../api/idempotency';
import { can, useActiveSession } from '../../api/session';
import {
  cancelTransition,
  completeTransition,
  episodeTransitionsKey,
  pathwayKey,
  planTransition,
  setTransitionItem,
  useEpisodeTransitions,
  type Transition,
  type TransitionItem,
} from '../../api/transitions';
import type { CareTeamMember } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import './transitions.css';

interface EpisodeRef {
  id: string;
  personId: string;
  personName: string;
  endedOn: string | null;
}

/**
 * The episode's moves between the phases of its pathway ("Transitions"): the one planned, with the
 * checklist the structure wrote for the phase it leads into (large checkboxes, for a tablet in
 * hand), then completing it (the person changes phase today) or cancelling it with a reason; and
 * the history.
 */
export function TransitionsTab({ episode }: { episode: EpisodeRef }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const transitions = useEpisodeTransitions(episode.id);
  if (transitions.isPending) return <Loading />;
  if (transitions.isError) return <ProblemAlert error={transitions.error} />;
  const data = transitions.data;
  const write = can(session, 'episode:manage') && !data.ended;
  const planned = data.transitions.find((x) => x.status === 'planned') ?? null;
  const history = data.transitions.filter((x) => x.status !== 'planned');
  const phaseLabel = (code: string | null) => (code ? (data.phases.find((p) => p.code === code)?.label ?? code) : null);
  return (
    <Stack gap="md">
      <Stack gap={4} maw={680}>
        <Title order={2} size="h3">
          {t('continuity.transitions.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('continuity.transitions.intro', { name: episode.personName })}
        </Text>
        <Text fw={600} data-testid="current-phase">
          {data.currentPhase ? t('continuity.transitions.currentPhase', { phase: phaseLabel(data.currentPhase) }) : t('continuity.transitions.noPhase')}
        </Text>
      </Stack>
      {data.ended && <Alert color="gray">{t('continuity.transitions.ended')}</Alert>}
      {data.phases.length === 0 ? (
        <Alert color="gray">{t('continuity.transitions.noPathway')}</Alert>
      ) : planned ? (
        <PlannedTransition transition={planned} episode={episode} write={write} />
      ) : write ? (
        <PlanForm episode={episode} phases={data.phases.filter((p) => p.code !== data.currentPhase)} />
      ) : (
        <Text c="dimmed">{t('continuity.transitions.nonePlanned')}</Text>
      )}
      {history.length > 0 && (
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="transitions-history">
          <Title order={3} size="h4" id="transitions-history" mb="sm">
            {t('continuity.transitions.history')}
          </Title>
          <ol className="plain-list transition-history">
            {history.map((h) => (
              <HistoryEntry key={h.id} transition={h} />
            ))}
          </ol>
        </Card>
      )}
    </Stack>
  );
}

function HistoryEntry({ transition: h }: { transition: Transition }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <li data-testid="transition-history-entry">
      <Group gap="xs" wrap="wrap">
        <Badge color={h.status === 'completed' ? 'relais' : 'gray'} variant="light">
          {t(`continuity.transitions.status.${h.status}`)}
        </Badge>
        <Text fw={600}>{t('continuity.transitions.fromTo', { from: h.fromLabel ?? t('continuity.transitions.noPhaseShort'), to: h.toLabel })}</Text>
      </Group>
      <Text size="sm" c="dimmed">
        {h.status === 'completed' && h.completedAt
          ? t('continuity.transitions.completedOn', { date: formatDateTime(h.completedAt, locale), name: h.responsibleName })
          : t('continuity.transitions.cancelledBecause', { date: formatDate(h.plannedOn, locale), reason: h.cancelledReason ?? '' })}
      </Text>
    </li>
  );
}

interface PlanValues extends Record<string, unknown> {
  toPhase: string;
  plannedOn: string;
  responsibleId: string;
  handoffNote: string;
}

function PlanForm({ episode, phases }: { episode: EpisodeRef; phases: { code: string; label: string }[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const idempotency = useIdempotencyKey();
  const team = useQuery({ queryKey: ['person', episode.personId, 'care-team'], queryFn: () => api.get<CareTeamMember[]>(`/api/v1/people/${episode.personId}/care-team`) });
  const session = useActiveSession();
  const form = useForm<PlanValues>({
    initialValues: { toPhase: '', plannedOn: '', responsibleId: session.staffMember.id, handoffNote: '' },
    validate: {
      toPhase: (v) => (v ? null : t('validation.required')),
      plannedOn: (v) => (v ? null : t('validation.required')),
      responsibleId: (v) => (v ? null : t('validation.required')),
      handoffNote: (v) => (v.length > 4000 ? t('continuity.tooLong', { count: 4000 }) : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const plan = useMutation({
    mutationFn: (values: PlanValues) => {
      const body = { toPhase: values.toPhase, plannedOn: values.plannedOn, responsibleId: values.responsibleId, handoffNote: values.handoffNote.trim() || null };
      return planTransition(episode.id, body, idempotency.keyFor(body));
    },
    onSuccess: async () => {
      idempotency.done();
      await client.invalidateQueries({ queryKey: episodeTransitionsKey(episode.id) });
      await client.invalidateQueries({ queryKey: pathwayKey(episode.personId) });
      notify(t('continuity.transitions.plannedNotice'));
    },
    onError: onServerError,
  });
  const members = team.data ?? [];
  const choose = { value: '', label: t('continuity.transitions.choose') };
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="transition-plan-title">
      <Title order={3} size="h4" id="transition-plan-title" mb="sm">
        {t('continuity.transitions.planTitle')}
      </Title>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => plan.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect label={t('continuity.transitions.toPhase')} required data={[choose, ...phases.map((p) => ({ value: p.code, label: p.label }))]} {...form.getInputProps('toPhase')} />
            <TextInput type="date" label={t('continuity.transitions.plannedOn')} required min={organizationToday()} {...form.getInputProps('plannedOn')} />
          </SimpleGrid>
          <NativeSelect
            label={t('continuity.transitions.responsible')}
            description={t('continuity.transitions.responsibleHelp')}
            required
            data={[choose, ...members.map((m) => ({ value: m.staffMemberId, label: `${m.firstName} ${m.lastName}` }))]}
            maw={420}
            {...form.getInputProps('responsibleId')}
          />
          <Textarea label={t('continuity.transitions.handoffNote')} description={t('continuity.transitions.handoffHelp')} autosize minRows={3} maxRows={10} {...form.getInputProps('handoffNote')} />
          <ProblemAlert error={plan.error} boundFields={boundFields} />
          <Button type="submit" w="fit-content" loading={plan.isPending}>
            {t('continuity.transitions.plan')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function PlannedTransition({ transition: tr, episode, write }: { transition: Transition; episode: EpisodeRef; write: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const notify = useNotify();
  const [cancelling, setCancelling] = useState(false);
  const [noting, setNoting] = useState<TransitionItem | null>(null);
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: episodeTransitionsKey(episode.id) });
    await client.invalidateQueries({ queryKey: pathwayKey(episode.personId) });
  };
  // A tap shows at once (a tablet must answer); the list reloads to confirm, or the tick goes back.
  const [ticking, setTicking] = useState<Record<string, boolean>>({});
  const tick = useMutation({
    mutationFn: ({ itemId, ...input }: { itemId: string; done: boolean; note?: string | null }) => setTransitionItem(tr.id, itemId, input),
    onSettled: async (_data, _error, { itemId }) => {
      await refresh();
      setTicking(({ [itemId]: _done, ...rest }) => rest);
    },
  });
  const complete = useMutation({
    mutationFn: () => completeTransition(tr.id),
    onSuccess: async () => {
      await refresh();
      await client.invalidateQueries({ queryKey: ['episode', episode.id] });
      notify(t('continuity.transitions.completedNotice', { phase: tr.toLabel }));
    },
  });
  const done = tr.items.filter((i) => i.done).length;
  const total = tr.items.length;
  const ready = done === total;
  const overdue = tr.plannedOn < organizationToday();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="transition-planned-title" data-testid="planned-transition">
      <Stack gap="md">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={3} size="h4" id="transition-planned-title">
              {t('continuity.transitions.plannedTitle', { from: tr.fromLabel ?? t('continuity.transitions.noPhaseShort'), to: tr.toLabel })}
            </Title>
            {overdue && (
              <Badge color="orange" variant="light">
                {t('continuity.transitions.overdue')}
              </Badge>
            )}
          </Group>
          <Text size="sm">{t('continuity.transitions.plannedFor', { date: formatDate(tr.plannedOn, locale), name: tr.responsibleName })}</Text>
          {tr.handoffNote && (
            <Text size="sm" className="keep-lines">
              <Text span fw={600} inherit>
                {t('continuity.transitions.handoffNote')}
                {t('common.colon')}
              </Text>
              {tr.handoffNote}
            </Text>
          )}
        </Stack>
        <fieldset className="form-group transition-checklist">
          <legend>
            <Text fw={650}>{t('continuity.transitions.checklist')}</Text>
          </legend>
          {total === 0 ? (
            <Text size="sm" c="dimmed">
              {t('continuity.transitions.checklistEmpty')}
            </Text>
          ) : (
            <Stack gap="sm">
              <Progress value={(done / total) * 100} aria-label={t('continuity.transitions.progress', { done, total })} size="lg" />
              <Text size="sm" aria-live="polite">
                {t('continuity.transitions.progress', { done, total })}
              </Text>
              <ul className="plain-list checklist-items">
                {tr.items.map((item) => (
                  <li key={item.itemId} className="checklist-item" data-testid="checklist-item">
                    <Checkbox
                      size="lg"
                      label={item.label}
                      checked={ticking[item.itemId] ?? item.done}
                      disabled={!write || item.itemId in ticking}
                      onChange={(event) => {
                        const done = event.currentTarget.checked;
                        setTicking((current) => ({ ...current, [item.itemId]: done }));
                        tick.mutate({ itemId: item.itemId, done });
                      }}
                      description={item.done && item.doneAt ? t('continuity.transitions.doneBy', { name: item.doneByName ?? '', date: formatDateTime(item.doneAt, locale) }) : undefined}
                    />
                    {item.note && (
                      <Text size="sm" className="keep-lines checklist-note">
                        {item.note}
                      </Text>
                    )}
                    {write && (
                      <Anchor component="button" type="button" size="sm" className="checklist-note-button" onClick={() => setNoting(item)} aria-label={t('continuity.transitions.noteFor', { action: item.note ? t('continuity.transitions.editNote') : t('continuity.transitions.addNote'), item: item.label })}>
                        {item.note ? t('continuity.transitions.editNote') : t('continuity.transitions.addNote')}
                      </Anchor>
                    )}
                  </li>
                ))}
              </ul>
            </Stack>
          )}
        </fieldset>
        <ProblemAlert error={tick.error ?? complete.error} />
        {write && (
          <Group gap="sm">
            <Button size="md" onClick={() => complete.mutate()} disabled={!ready} loading={complete.isPending} aria-describedby="complete-help">
              {t('continuity.transitions.complete')}
            </Button>
            <Button size="md" variant="default" onClick={() => setCancelling(true)}>
              {t('continuity.transitions.cancel')}
            </Button>
            <Text id="complete-help" size="sm" c="dimmed">
              {ready ? t('continuity.transitions.completeHelp', { phase: tr.toLabel }) : t('continuity.transitions.completeBlocked')}
            </Text>
          </Group>
        )}
      </Stack>
      {cancelling && <CancelDialog transition={tr} onClose={() => setCancelling(false)} onDone={refresh} />}
      {noting && <NoteDialog item={noting} onClose={() => setNoting(null)} onSave={(note) => tick.mutateAsync({ itemId: noting.itemId, done: noting.done, note })} />}
    </Card>
  );
}

function NoteDialog({ item, onClose, onSave }: { item: TransitionItem; onClose: () => void; onSave: (note: string | null) => Promise<void> }) {
  const { t } = useTranslation();
  const [note, setNote] = useState(item.note ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Modal opened onClose={onClose} title={t('continuity.transitions.noteTitle', { item: item.label })} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSaving(true);
          onSave(note.trim() || null)
            .then(onClose)
            .catch(setError)
            .finally(() => setSaving(false));
        }}
      >
        <Stack gap="md">
          <Textarea label={t('continuity.transitions.itemNote')} autosize minRows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CancelDialog({ transition, onClose, onDone }: { transition: Transition; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const form = useForm<{ reason: string }>({ initialValues: { reason: '' }, validate: { reason: (v) => (v.trim().length >= 3 ? null : t('continuity.transitions.reasonRequired')) } });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const cancel = useMutation({
    mutationFn: (reason: string) => cancelTransition(transition.id, reason.trim()),
    onSuccess: async () => {
      await onDone();
      notify(t('continuity.transitions.cancelledNotice'));
      onClose();
    },
    onError: onServerError,
  });
  return (
    <Modal opened onClose={onClose} title={t('continuity.transitions.cancelTitle', { to: transition.toLabel })} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => cancel.mutate(v.reason), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="md">
          <Textarea label={t('continuity.transitions.cancelReason')} required autosize minRows={3} maxLength={1000} data-autofocus {...form.getInputProps('reason')} />
          <ProblemAlert error={cancel.error} boundFields={boundFields} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('continuity.transitions.keep')}
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending}>
              {t('continuity.transitions.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
