import { Alert, Badge, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useActiveSession } from '../../api/session';
import {
  acknowledgeReviewFlag,
  measureTrajectory,
  saveIntensityPeriods,
  trajectoryKey,
  useTrajectory,
  type IntensityPeriod,
  type ReviewFlag,
  type SteppingUp,
  type Trajectory,
} from '../../api/trajectory';
import { EditableList } from '../../components/EditableList';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { IntensityChart } from './IntensityChart';
import './trajectory.css';

interface EpisodeRef {
  id: string;
  personName: string;
  startedOn: string;
  endedOn: string | null;
}

/**
 * The autonomy trajectory ("Trajectoire"): how much support is intended, period by period, stepping
 * down as the person gains autonomy; what actually happened week by week; and the review flags that
 * ask the référent to look again with the person. Nothing here changes the support by itself.
 */
export function TrajectoryTab({ episode }: { episode: EpisodeRef }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const trajectory = useTrajectory(episode.id);
  if (trajectory.isPending) return <Loading />;
  if (trajectory.isError) return <ProblemAlert error={trajectory.error} />;
  const data = trajectory.data;
  const write = can(session, 'episode:manage') && !episode.endedOn;
  const open = data.flags.filter((f) => !f.acknowledgedAt);
  return (
    <Stack gap="md">
      <Stack gap={4} maw={680}>
        <Title order={2} size="h3">
          {t('continuity.trajectory.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('continuity.trajectory.intro', { name: episode.personName })}
        </Text>
      </Stack>
      <Alert color="relais" variant="light" title={t('continuity.trajectory.principleTitle')}>
        {t('continuity.trajectory.principle')}
      </Alert>
      <FlagsSection flags={data.flags} openCount={open.length} write={write} episodeId={episode.id} />
      <WeeksSection trajectory={data} write={write} episodeId={episode.id} />
      <PeriodsSection trajectory={data} write={write} episode={episode} />
    </Stack>
  );
}

function FlagsSection({ flags, openCount, write, episodeId }: { flags: ReviewFlag[]; openCount: number; write: boolean; episodeId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="trajectory-flags">
      <Group gap="xs" mb={4}>
        <Title order={3} size="h4" id="trajectory-flags">
          {t('continuity.trajectory.flagsTitle')}
        </Title>
        {openCount > 0 && (
          <Badge color="orange" variant="light">
            {t('continuity.trajectory.openFlags', { count: openCount })}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('continuity.trajectory.flagsHelp')}
      </Text>
      {flags.length === 0 ? (
        <Text c="dimmed">{t('continuity.trajectory.noFlags')}</Text>
      ) : (
        <Stack component="ul" className="plain-list" gap="sm">
          {flags.map((f) => (
            <FlagEntry key={f.id} flag={f} write={write} episodeId={episodeId} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function FlagEntry({ flag, write, episodeId }: { flag: ReviewFlag; write: boolean; episodeId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const notify = useNotify();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const acknowledge = useMutation({
    mutationFn: () => acknowledgeReviewFlag(flag.id, note.trim()),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: trajectoryKey(episodeId) });
      notify(t('continuity.trajectory.acknowledgedNotice'));
    },
  });
  const window = flag.details.from && flag.details.to ? t('continuity.trajectory.window', { from: formatDate(flag.details.from, locale), to: formatDate(flag.details.to, locale) }) : null;
  return (
    <li data-testid="review-flag">
      <Card withBorder radius="md" padding="md" className={flag.acknowledgedAt ? undefined : 'flag-open'}>
        <Stack gap="xs">
          <Group gap="xs">
            <Badge color={flag.acknowledgedAt ? 'gray' : 'orange'} variant="light">
              {flag.acknowledgedAt ? t('continuity.trajectory.flagDone') : t('continuity.trajectory.flagOpen')}
            </Badge>
            <Text fw={600}>{t(`continuity.trajectory.reasons.${flag.reason}`)}</Text>
          </Group>
          <Text size="sm">
            {window}
            {flag.details.counts ? ` · ${t('continuity.trajectory.counts', { counts: flag.details.counts.join(', ') })}` : ''}
            {flag.details.marginPercent !== undefined ? ` · ${t('continuity.trajectory.margin', { margin: flag.details.marginPercent })}` : ''}
          </Text>
          <Text size="sm" c="dimmed">
            {t('continuity.trajectory.raisedOn', { date: formatDateTime(flag.raisedAt, locale) })}
          </Text>
          {flag.acknowledgedAt ? (
            <Text size="sm" className="keep-lines">
              {t('continuity.trajectory.acknowledgedBy', { name: flag.acknowledgedByName ?? '', date: formatDateTime(flag.acknowledgedAt, locale) })}
              {flag.note ? ` — ${flag.note}` : ''}
            </Text>
          ) : write ? (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                if (note.trim().length < 3) {
                  setNoteError(t('continuity.trajectory.noteRequired'));
                  return;
                }
                setNoteError(null);
                acknowledge.mutate();
              }}
            >
              <Stack gap="xs">
                <Textarea label={t('continuity.trajectory.acknowledgeNote')} description={t('continuity.trajectory.acknowledgeHelp')} required autosize minRows={2} maxLength={2000} value={note} error={noteError} onChange={(e) => setNote(e.currentTarget.value)} />
                <ProblemAlert error={acknowledge.error} />
                <Button type="submit" w="fit-content" loading={acknowledge.isPending}>
                  {t('continuity.trajectory.acknowledge')}
                </Button>
              </Stack>
            </form>
          ) : null}
        </Stack>
      </Card>
    </li>
  );
}

function WeeksSection({ trajectory, write, episodeId }: { trajectory: Trajectory; write: boolean; episodeId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const measure = useMutation({
    mutationFn: () => measureTrajectory(episodeId),
    onSuccess: (fresh) => {
      client.setQueryData(trajectoryKey(episodeId), fresh);
      notify(t('continuity.trajectory.measuredNotice'));
    },
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="trajectory-weeks">
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={4} maw={560}>
          <Title order={3} size="h4" id="trajectory-weeks">
            {t('continuity.trajectory.chartTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('continuity.trajectory.chartHelp', { margin: trajectory.thresholds.excessMarginPercent, weeks: trajectory.thresholds.excessWeeks })}
          </Text>
        </Stack>
        {write && (
          <Button variant="default" onClick={() => measure.mutate()} loading={measure.isPending}>
            {t('continuity.trajectory.measure')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={measure.error} />
      {trajectory.weeks.length === 0 ? <Text c="dimmed">{t('continuity.trajectory.noWeeks')}</Text> : <IntensityChart weeks={trajectory.weeks} />}
    </Card>
  );
}

interface PeriodValues {
  key: string;
  startsOn: string;
  endsOn: string;
  sessionsPerWeek: number | string;
  minutesPerWeek: number | string;
  maxDaysWithoutContact: number | string;
  note: string;
}

let nextKey = 0;
const toValues = (p: IntensityPeriod): PeriodValues => ({
  key: p.id,
  startsOn: p.startsOn,
  endsOn: p.endsOn ?? '',
  sessionsPerWeek: p.sessionsPerWeek,
  minutesPerWeek: p.minutesPerWeek,
  maxDaysWithoutContact: p.maxDaysWithoutContact ?? '',
  note: p.note ?? '',
});

function PeriodsSection({ trajectory, write, episode }: { trajectory: Trajectory; write: boolean; episode: EpisodeRef }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="trajectory-periods">
      <Title order={3} size="h4" id="trajectory-periods" mb={4}>
        {t('continuity.trajectory.periodsTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('continuity.trajectory.periodsHelp')}
      </Text>
      <SteppingUpWarnings warnings={trajectory.warnings} />
      {write ? (
        <PeriodsForm key={JSON.stringify(trajectory.periods)} periods={trajectory.periods} episode={episode} />
      ) : trajectory.periods.length === 0 ? (
        <Text c="dimmed">{t('continuity.trajectory.noPeriods')}</Text>
      ) : (
        <ul className="plain-list">
          {trajectory.periods.map((p) => (
            <li key={p.id}>
              <Text>
                {p.endsOn ? t('continuity.trajectory.periodRange', { from: formatDate(p.startsOn, locale), to: formatDate(p.endsOn, locale) }) : t('continuity.trajectory.periodFrom', { from: formatDate(p.startsOn, locale) })}
                {t('common.colon')}
                {t('continuity.trajectory.sessionsMinutes', { sessions: p.sessionsPerWeek, minutes: p.minutesPerWeek })}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function SteppingUpWarnings({ warnings }: { warnings: SteppingUp[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!warnings.length) return null;
  return (
    <Alert color="orange" variant="light" title={t('continuity.trajectory.steppingUpTitle')} mb="sm" data-testid="stepping-up">
      <Stack gap={4}>
        {warnings.map((w) => (
          <Text key={w.startsOn} size="sm">
            {t('continuity.trajectory.steppingUp', { start: formatDate(w.startsOn, locale), earlier: formatDate(w.higherThan, locale) })}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function PeriodsForm({ periods, episode }: { periods: IntensityPeriod[]; episode: EpisodeRef }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const notify = useNotify();
  const blank = (): PeriodValues => ({ key: `new-${nextKey++}`, startsOn: '', endsOn: '', sessionsPerWeek: '', minutesPerWeek: '', maxDaysWithoutContact: '', note: '' });
  const form = useForm<{ periods: PeriodValues[] }>({
    initialValues: { periods: periods.map(toValues) },
    validate: {
      periods: {
        startsOn: (v) => (v ? null : t('validation.required')),
        sessionsPerWeek: (v) => (v === '' ? t('validation.required') : Number(v) < 0 || Number(v) > 99 ? t('continuity.trajectory.between', { min: 0, max: 99 }) : null),
        minutesPerWeek: (v) => (v === '' ? t('validation.required') : !Number.isInteger(Number(v)) || Number(v) < 0 || Number(v) > 10080 ? t('continuity.trajectory.between', { min: 0, max: 10080 }) : null),
        maxDaysWithoutContact: (v) => (v !== '' && (!Number.isInteger(Number(v)) || Number(v) < 1 || Number(v) > 365) ? t('continuity.trajectory.between', { min: 1, max: 365 }) : null),
      },
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: (values: { periods: PeriodValues[] }) =>
      saveIntensityPeriods(
        episode.id,
        values.periods.map((p) => ({
          startsOn: p.startsOn,
          endsOn: p.endsOn || null,
          sessionsPerWeek: Math.round(Number(p.sessionsPerWeek) * 10) / 10,
          minutesPerWeek: Number(p.minutesPerWeek),
          maxDaysWithoutContact: p.maxDaysWithoutContact === '' ? null : Number(p.maxDaysWithoutContact),
          note: p.note.trim() || null,
        })),
      ),
    onSuccess: async () => {
      // The warnings, if any, come back with the trajectory and show above the form.
      await client.invalidateQueries({ queryKey: trajectoryKey(episode.id) });
      notify(t('continuity.trajectory.periodsSaved'));
    },
    onError: onServerError,
  });
  const numberProps = { allowNegative: false, clampBehavior: 'none', hideControls: true } as const;
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="md">
        <EditableList
          items={form.values.periods}
          getKey={(p) => p.key}
          max={52}
          labels={{ legend: (n) => t('continuity.trajectory.periodLegend', { n }), item: (n) => t('continuity.trajectory.periodItem', { n }), add: t('continuity.trajectory.addPeriod') }}
          onAdd={() => form.insertListItem('periods', blank())}
          onMove={(from, to) => form.reorderListItem('periods', { from, to })}
          onRemove={(i) => form.removeListItem('periods', i)}
          empty={<Text c="dimmed">{t('continuity.trajectory.noPeriods')}</Text>}
          renderItem={(_p, i) => (
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput type="date" label={t('continuity.trajectory.startsOn')} required min={episode.startedOn} {...form.getInputProps(`periods.${i}.startsOn`)} />
                <TextInput type="date" label={t('continuity.trajectory.endsOn')} description={t('continuity.trajectory.endsOnHelp')} min={episode.startedOn} {...form.getInputProps(`periods.${i}.endsOn`)} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }} className="fields-align-end">
                <NumberInput label={t('continuity.trajectory.sessionsPerWeek')} required decimalScale={1} decimalSeparator={locale === 'fr' ? ',' : '.'} min={0} max={99} inputMode="decimal" {...numberProps} {...form.getInputProps(`periods.${i}.sessionsPerWeek`)} />
                <NumberInput label={t('continuity.trajectory.minutesPerWeek')} required allowDecimal={false} min={0} max={10080} inputMode="numeric" {...numberProps} {...form.getInputProps(`periods.${i}.minutesPerWeek`)} />
                <NumberInput label={t('continuity.trajectory.maxDays')} allowDecimal={false} min={1} max={365} inputMode="numeric" {...numberProps} {...form.getInputProps(`periods.${i}.maxDaysWithoutContact`)} />
              </SimpleGrid>
              <Textarea label={t('continuity.trajectory.periodNote')} autosize minRows={1} maxRows={4} maxLength={1000} {...form.getInputProps(`periods.${i}.note`)} />
            </Stack>
          )}
        />
        <ProblemAlert error={save.error} boundFields={boundFields} />
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {t('continuity.trajectory.savePeriods')}
        </Button>
      </Stack>
    </form>
  );
}
