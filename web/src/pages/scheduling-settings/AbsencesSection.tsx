import { Badge, Button, Group, Paper, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { absenceKinds, addAbsence, availabilityKey, removeAbsence, type Absence, type AbsenceKind } from '../../api/scheduling-settings';
import { useActiveSession } from '../../api/session';
import { Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { formatDate, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { isoToZoned, zonedToIso } from '../scheduling/zoned-time';
import { addDays, formatMoment } from './scheduling-words';

const absenceColors: Record<AbsenceKind, string> = { leave: 'relais', training: 'grape', sick_leave: 'orange', other: 'gray' };

interface AbsenceValues extends Record<string, unknown> {
  kind: AbsenceKind;
  wholeDays: boolean;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  note: string;
}

/** Leave, training, sick leave: the staff member is not bookable then. */
export function AbsencesSection({ staffId, absences, own }: { staffId: string; absences: Absence[]; own: boolean }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const timeZone = session.organization.timeZone;
  const locale = currentLocale();
  const client = useQueryClient();
  const notify = useNotify();
  const heading = useRef<HTMLHeadingElement>(null);
  const sorted = [...absences].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  // The server lists the last month's absences too: those already over say so.
  const now = Date.now();
  const remove = useMutation({
    mutationFn: (absence: Absence) => removeAbsence(staffId, absence.id),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: availabilityKey(staffId) });
      notify(t('schedulingSettings.absences.removed'));
      // The removed entry had the focus: the list's heading takes it.
      window.setTimeout(() => heading.current?.focus(), 60);
    },
  });

  /** Whole days read as dates ("du 6 au 10 avril"); otherwise with their hours. */
  const period = (absence: Absence) => {
    const start = isoToZoned(absence.startsAt, timeZone);
    const end = isoToZoned(absence.endsAt, timeZone);
    if (start.time === '00:00' && end.time === '00:00') {
      const lastDay = addDays(end.date, -1);
      return lastDay === start.date ? t('schedulingSettings.absences.oneDay', { date: formatDate(start.date, locale) }) : t('schedulingSettings.absences.days', { start: formatDate(start.date, locale), end: formatDate(lastDay, locale) });
    }
    if (start.date === end.date) return t('schedulingSettings.absences.sameDay', { date: formatDate(start.date, locale), start: start.time, end: end.time });
    return t('schedulingSettings.absences.between', { start: formatMoment(absence.startsAt, locale, timeZone), end: formatMoment(absence.endsAt, locale, timeZone) });
  };

  return (
    <Section id="availability-absences" title={t('schedulingSettings.absences.title')} description={own ? t('schedulingSettings.absences.helpMine') : t('schedulingSettings.absences.helpOther')}>
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={3} size="h5" ref={heading} tabIndex={-1}>
            {t('schedulingSettings.absences.listTitle')}
          </Title>
          {sorted.length === 0 ? (
            <Text c="dimmed">{t('schedulingSettings.absences.empty')}</Text>
          ) : (
            <ul className="plain-list" aria-label={t('schedulingSettings.absences.listTitle')}>
              {sorted.map((absence) => (
                <Paper component="li" key={absence.id} withBorder radius="md" p="sm" data-testid="absence-row">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Badge variant="light" color={absenceColors[absence.kind]} tt="none">
                          {t(`schedulingSettings.absences.kinds.${absence.kind}`)}
                        </Badge>
                        <Text fw={600}>{period(absence)}</Text>
                        {new Date(absence.endsAt).getTime() < now && (
                          <Badge variant="outline" color="gray" tt="none">
                            {t('schedulingSettings.absences.ended')}
                          </Badge>
                        )}
                      </Group>
                      {absence.note && (
                        <Text size="sm" c="dimmed" className="keep-lines">
                          {absence.note}
                        </Text>
                      )}
                    </Stack>
                    <Button size="sm" variant="default" flex="none" loading={remove.isPending && remove.variables.id === absence.id} onClick={() => remove.mutate(absence)} aria-label={t('schedulingSettings.absences.removeFor', { kind: t(`schedulingSettings.absences.kinds.${absence.kind}`), period: period(absence) })}>
                      {t('editableList.remove')}
                    </Button>
                  </Group>
                </Paper>
              ))}
            </ul>
          )}
          <ProblemAlert error={remove.error} />
        </Stack>
        <NewAbsenceForm staffId={staffId} />
      </Stack>
    </Section>
  );
}

function NewAbsenceForm({ staffId }: { staffId: string }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const timeZone = session.organization.timeZone;
  const client = useQueryClient();
  const notify = useNotify();
  const today = organizationToday();
  const initialValues: AbsenceValues = { kind: 'leave', wholeDays: true, startDate: today, startTime: '09:00', endDate: today, endTime: '17:00', note: '' };
  const form = useForm<AbsenceValues>({
    initialValues,
    validate: {
      startDate: (v) => (v ? null : t('validation.required')),
      endDate: (v, values) => (!v ? t('validation.required') : v < values.startDate ? t('schedulingSettings.absences.endBeforeStart') : null),
      startTime: (v, values) => (values.wholeDays || v ? null : t('validation.required')),
      endTime: (v, values) => (values.wholeDays ? null : !v ? t('validation.required') : values.endDate === values.startDate && v <= values.startTime ? t('schedulingSettings.absences.endBeforeStart') : null),
      note: (v) => (v.trim().length > 300 ? t('person.tooLong', { count: 300 }) : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form, { 'body.startsAt': 'startDate', 'body.endsAt': 'endDate' });
  const add = useMutation({
    mutationFn: (values: AbsenceValues) =>
      addAbsence(staffId, {
        kind: values.kind,
        // Whole days run from the first day's midnight to the midnight after the last, in the structure's time zone.
        startsAt: zonedToIso(values.startDate, values.wholeDays ? '00:00' : values.startTime, timeZone),
        endsAt: values.wholeDays ? zonedToIso(addDays(values.endDate, 1), '00:00', timeZone) : zonedToIso(values.endDate, values.endTime, timeZone),
        note: values.note.trim() || null,
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: availabilityKey(staffId) });
      notify(t('schedulingSettings.absences.added'));
      form.setValues(initialValues);
      form.resetDirty();
    },
    onError: onServerError,
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => add.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Paper withBorder radius="md" p="md" bg="gray.0">
        <Stack gap="md">
          <Title order={3} size="h5">
            {t('schedulingSettings.absences.addTitle')}
          </Title>
          <RadioFieldset
            legend={t('schedulingSettings.absences.kind')}
            required
            options={absenceKinds.map((k) => ({ value: k, label: t(`schedulingSettings.absences.kinds.${k}`) }))}
            value={form.values.kind}
            onChange={(value) => form.setFieldValue('kind', value as AbsenceKind)}
            cols={{ base: 2, sm: 4 }}
          />
          <Switch label={t('schedulingSettings.absences.wholeDays')} description={t('schedulingSettings.absences.wholeDaysHelp')} size="md" {...form.getInputProps('wholeDays', { type: 'checkbox' })} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
            <TextInput type="date" label={form.values.wholeDays ? t('schedulingSettings.absences.firstDay') : t('schedulingSettings.absences.startDate')} required {...form.getInputProps('startDate')} />
            <TextInput type="date" label={form.values.wholeDays ? t('schedulingSettings.absences.lastDay') : t('schedulingSettings.absences.endDate')} required min={form.values.startDate || undefined} {...form.getInputProps('endDate')} />
            {!form.values.wholeDays && (
              <>
                <TextInput type="time" label={t('schedulingSettings.absences.startTime')} required {...form.getInputProps('startTime')} />
                <TextInput type="time" label={t('schedulingSettings.absences.endTime')} required {...form.getInputProps('endTime')} />
              </>
            )}
          </SimpleGrid>
          <Textarea label={t('schedulingSettings.absences.note')} description={t('schedulingSettings.absences.noteHelp')} autosize minRows={1} maxRows={4} maxLength={300} {...form.getInputProps('note')} />
          <ProblemAlert error={add.error} boundFields={boundFields} />
          <Button type="submit" w="fit-content" loading={add.isPending}>
            {t('schedulingSettings.absences.add')}
          </Button>
        </Stack>
      </Paper>
    </form>
  );
}
