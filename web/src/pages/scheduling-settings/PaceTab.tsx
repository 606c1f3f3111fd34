import { Alert, Button, Card, Group, Input, NumberInput, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paceKey, savePace, usePace, type Pace } from '../../api/scheduling-settings';
import { can, useActiveSession } from '../../api/session';
import { Fact, FactGroup } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { durationText } from './scheduling-words';

/**
 * The person's pace in this episode ("Rythme"): at most so many sessions a day and a week, and a
 * minimum gap between two. Bookings and the slot finder keep to it. Tolerance and availability
 * matter more than volume: the note keeps what the person said, in their words.
 */
export function PaceTab({ episode }: { episode: { id: string; personId: string; personName: string; endedOn: string | null } }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const pace = usePace(episode.id);
  const write = can(session, 'appointment:book') && !episode.endedOn;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4} maw={640}>
          <Title order={2} size="h3">
            {t('schedulingSettings.pace.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('schedulingSettings.pace.intro', { name: episode.personName })}
          </Text>
        </Stack>
        {write && (
          <Button component={Link} to={`/agenda/creneaux?${new URLSearchParams({ personId: episode.personId, episodeId: episode.id }).toString()}`} variant="default">
            {t('schedulingSettings.pace.findSlot')}
          </Button>
        )}
      </Group>
      <Alert color="relais" variant="light" title={t('schedulingSettings.pace.principleTitle')}>
        {t('schedulingSettings.pace.principle')}
      </Alert>
      {pace.isPending ? (
        <Loading />
      ) : pace.isError ? (
        <ProblemAlert error={pace.error} />
      ) : write ? (
        <PaceForm key={JSON.stringify(pace.data)} episodeId={episode.id} pace={pace.data} />
      ) : (
        <Card withBorder radius="md" padding="lg">
          <PaceFacts pace={pace.data} />
        </Card>
      )}
    </Stack>
  );
}

function PaceFacts({ pace }: { pace: Pace }) {
  const { t } = useTranslation();
  const none = t('schedulingSettings.pace.noLimit');
  return (
    <FactGroup>
      <Fact label={t('schedulingSettings.pace.perDay')} empty={none}>
        {pace.maxSessionsPerDay !== null ? t('schedulingSettings.pace.sessions', { count: pace.maxSessionsPerDay }) : null}
      </Fact>
      <Fact label={t('schedulingSettings.pace.perWeek')} empty={none}>
        {pace.maxSessionsPerWeek !== null ? t('schedulingSettings.pace.sessions', { count: pace.maxSessionsPerWeek }) : null}
      </Fact>
      <Fact label={t('schedulingSettings.pace.minGap')} empty={none}>
        {pace.minGapMinutes ? durationText(pace.minGapMinutes, t) : null}
      </Fact>
      <Fact label={t('schedulingSettings.pace.note')} empty={t('schedulingSettings.none')}>
        {pace.note}
      </Fact>
    </FactGroup>
  );
}

interface PaceValues extends Record<string, unknown> {
  maxSessionsPerDay: number | string;
  maxSessionsPerWeek: number | string;
  gapHours: number | string;
  gapMinutes: number | string;
  note: string;
}

const orNull = (v: number | string) => (v === '' ? null : Number(v));

function PaceForm({ episodeId, pace }: { episodeId: string; pace: Pace }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const gap = pace.minGapMinutes ?? 0;
  const upTo = (min: number, max: number) => (v: number | string) => (v !== '' && (!Number.isInteger(Number(v)) || Number(v) < min || Number(v) > max) ? t('schedulingSettings.rules.between', { min, max }) : null);
  const form = useForm<PaceValues>({
    initialValues: {
      maxSessionsPerDay: pace.maxSessionsPerDay ?? '',
      maxSessionsPerWeek: pace.maxSessionsPerWeek ?? '',
      gapHours: pace.minGapMinutes ? Math.floor(gap / 60) : '',
      gapMinutes: pace.minGapMinutes ? gap % 60 : '',
      note: pace.note ?? '',
    },
    validate: {
      maxSessionsPerDay: upTo(1, 20),
      maxSessionsPerWeek: (v, values) => upTo(1, 50)(v) ?? (v !== '' && values.maxSessionsPerDay !== '' && Number(v) < Number(values.maxSessionsPerDay) ? t('schedulingSettings.pace.weekBelowDay') : null),
      gapHours: upTo(0, 168),
      gapMinutes: upTo(0, 59),
      note: (v) => (v.trim().length > 500 ? t('person.tooLong', { count: 500 }) : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form, { 'body.minGapMinutes': 'gapHours' });
  const save = useMutation({
    mutationFn: (values: PaceValues) => {
      const minutes = Number(values.gapHours || 0) * 60 + Number(values.gapMinutes || 0);
      return savePace(episodeId, {
        maxSessionsPerDay: orNull(values.maxSessionsPerDay),
        maxSessionsPerWeek: orNull(values.maxSessionsPerWeek),
        minGapMinutes: values.gapHours === '' && values.gapMinutes === '' ? null : Math.min(minutes, 10080),
        note: values.note.trim() || null,
      });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: paceKey(episodeId) });
      notify(t('schedulingSettings.pace.saved'));
    },
    onError: onServerError,
  });
  const numberProps = { allowDecimal: false, allowNegative: false, clampBehavior: 'none', hideControls: true, inputMode: 'numeric' } as const;
  const gapTotal = Number(form.values.gapHours || 0) * 60 + Number(form.values.gapMinutes || 0);
  return (
    <Card withBorder radius="md" padding="lg">
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
            <NumberInput label={t('schedulingSettings.pace.perDay')} description={t('schedulingSettings.pace.emptyNoLimit')} min={1} max={20} {...numberProps} {...form.getInputProps('maxSessionsPerDay')} />
            <NumberInput label={t('schedulingSettings.pace.perWeek')} description={t('schedulingSettings.pace.emptyNoLimit')} min={1} max={50} {...numberProps} {...form.getInputProps('maxSessionsPerWeek')} />
          </SimpleGrid>
          <fieldset className="form-group" aria-describedby="pace-gap-help">
            <legend>
              <Input.Label labelElement="div" size="md" mb={0}>
                {t('schedulingSettings.pace.minGap')}
              </Input.Label>
            </legend>
            <Input.Description id="pace-gap-help" size="md" mb="xs">
              {t('schedulingSettings.pace.minGapHelp')}
            </Input.Description>
            <SimpleGrid cols={2} maw={360}>
              <NumberInput label={t('schedulingSettings.pace.hours')} min={0} max={168} {...numberProps} {...form.getInputProps('gapHours')} />
              <NumberInput label={t('schedulingSettings.pace.minutes')} min={0} max={59} {...numberProps} {...form.getInputProps('gapMinutes')} />
            </SimpleGrid>
            {gapTotal > 0 && (
              <Text size="sm" c="dimmed" mt="xs" aria-live="polite">
                {t('schedulingSettings.pace.gapTotal', { duration: durationText(gapTotal, t) })}
              </Text>
            )}
          </fieldset>
          <Textarea label={t('schedulingSettings.pace.note')} description={t('schedulingSettings.pace.noteHelp')} autosize minRows={2} maxRows={6} maxLength={500} {...form.getInputProps('note')} />
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <Button type="submit" w="fit-content" loading={save.isPending}>
            {t('schedulingSettings.pace.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
