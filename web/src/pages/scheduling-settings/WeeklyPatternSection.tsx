import { Alert, Box, Button, Group, Paper, SimpleGrid, Stack, Switch, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { availabilityKey, saveWeeklyPattern, type WeeklyRange, type WeeklyRangeInput } from '../../api/scheduling-settings';
import { isoWeekdays } from '../../api/types';
import { Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { organizationToday, weekdayName } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { shortTime } from './scheduling-words';

interface RangeValues {
  key: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
  validFrom: string;
  validUntil: string;
}

interface PatternValues extends Record<string, unknown> {
  /** Flat, in the order sent: the server's "weekly.3.endsAt" finds its field. */
  weekly: RangeValues[];
}

const capitalised = (word: string) => word.charAt(0).toLocaleUpperCase() + word.slice(1);

function rangeValues(range: WeeklyRange): RangeValues {
  return { key: range.id, weekday: range.weekday, startsAt: shortTime(range.startsAt), endsAt: shortTime(range.endsAt), validFrom: range.validFrom ?? '', validUntil: range.validUntil ?? '' };
}

function rangeInput(values: RangeValues): WeeklyRangeInput {
  return { weekday: values.weekday, startsAt: values.startsAt, endsAt: values.endsAt, validFrom: values.validFrom || null, validUntil: values.validUntil || null };
}

/** Two ranges of one weekday whose periods of validity meet and whose hours overlap. */
function overlaps(a: RangeValues, b: RangeValues): boolean {
  if (a.weekday !== b.weekday || !a.startsAt || !a.endsAt || !b.startsAt || !b.endsAt) return false;
  const periodsMeet = (a.validUntil === '' || b.validFrom === '' || b.validFrom <= a.validUntil) && (b.validUntil === '' || a.validFrom === '' || a.validFrom <= b.validUntil);
  return periodsMeet && a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/**
 * The weekly pattern: for each weekday, the time ranges one works (local time), each with optional
 * dates of validity (a new timetable from September). Saving replaces the whole pattern.
 */
export function WeeklyPatternSection({ staffId, weekly, own, name }: { staffId: string; weekly: WeeklyRange[]; own: boolean; name: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const notify = useNotify();
  const [announcement, setAnnouncement] = useState('');
  const addButtons = useRef(new Map<number, HTMLButtonElement>());
  const sorted = [...weekly].sort((a, b) => a.weekday - b.weekday || a.startsAt.localeCompare(b.startsAt));
  // Dates of validity are for planning a change of timetable: shown when some range has them (or on request).
  const [withDates, setWithDates] = useState(() => sorted.some((r) => r.validUntil !== null || r.validFrom > organizationToday()));
  const form = useForm<PatternValues>({
    initialValues: { weekly: sorted.map(rangeValues) },
    validate: (values) => {
      const errors: Record<string, string> = {};
      values.weekly.forEach((range, index) => {
        if (!range.startsAt) errors[`weekly.${index}.startsAt`] = t('validation.required');
        if (!range.endsAt) errors[`weekly.${index}.endsAt`] = t('validation.required');
        else if (range.startsAt && range.endsAt <= range.startsAt) errors[`weekly.${index}.endsAt`] = t('schedulingSettings.availability.endBeforeStart');
        if (range.validFrom && range.validUntil && range.validUntil < range.validFrom) errors[`weekly.${index}.validUntil`] = t('schedulingSettings.availability.untilBeforeFrom');
        const earlier = values.weekly.findIndex((other, j) => j < index && overlaps(other, range));
        if (earlier >= 0 && !errors[`weekly.${index}.startsAt`]) errors[`weekly.${index}.startsAt`] = t('schedulingSettings.availability.overlap');
      });
      return errors;
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: (values: PatternValues) => saveWeeklyPattern(staffId, values.weekly.map(rangeInput)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: availabilityKey(staffId) });
      notify(own ? t('schedulingSettings.availability.savedMine') : t('schedulingSettings.availability.savedOther', { name }));
    },
    onError: onServerError,
  });

  const add = (weekday: number) => {
    const sameDay = form.values.weekly.filter((r) => r.weekday === weekday);
    const last = sameDay.at(-1);
    // A morning first, then an afternoon: the usual shape of a working day.
    const next = !last ? { startsAt: '09:00', endsAt: '12:30' } : last.endsAt && last.endsAt <= '13:30' ? { startsAt: '13:30', endsAt: '17:00' } : { startsAt: '', endsAt: '' };
    // Kept in weekday order, so the flat list reads as the page does.
    const at = form.values.weekly.findIndex((r) => r.weekday > weekday);
    const index = at === -1 ? form.values.weekly.length : at;
    form.insertListItem('weekly', { key: randomId('range-'), weekday, validFrom: '', validUntil: '', ...next }, index);
    setAnnouncement(t('schedulingSettings.availability.rangeAdded', { day: weekdayName(weekday, locale) }));
    window.setTimeout(() => formRef.current?.querySelector<HTMLInputElement>(`[data-range-index="${index}"]`)?.focus(), 30);
  };
  const remove = (index: number, weekday: number) => {
    form.removeListItem('weekly', index);
    setAnnouncement(t('schedulingSettings.availability.rangeRemoved', { day: weekdayName(weekday, locale) }));
    window.setTimeout(() => addButtons.current.get(weekday)?.focus(), 30);
  };

  return (
    <Section id="availability-weekly" title={t('schedulingSettings.availability.weeklyTitle')} description={t('schedulingSettings.availability.weeklyHelp')}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="md">
          <Switch
            label={t('schedulingSettings.availability.withDates')}
            description={t('schedulingSettings.availability.withDatesHelp')}
            checked={withDates}
            onChange={(event) => setWithDates(event.currentTarget.checked)}
          />
          {form.values.weekly.length === 0 && (
            <Alert color="relais" variant="light">
              {own ? t('schedulingSettings.availability.noPatternMine') : t('schedulingSettings.availability.noPatternOther', { name })}
            </Alert>
          )}
          {isoWeekdays.map((weekday) => {
            const dayName = weekdayName(weekday, locale);
            const day = capitalised(dayName);
            const ranges = form.values.weekly.map((range, index) => ({ range, index })).filter(({ range }) => range.weekday === weekday);
            return (
              <fieldset key={weekday} className="form-group" data-testid={`weekday-${weekday}`}>
                <legend>
                  <Title order={3} size="h5">
                    {day}
                  </Title>
                </legend>
                <Stack gap="xs">
                  {ranges.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('schedulingSettings.availability.noRange')}
                    </Text>
                  )}
                  {ranges.map(({ range, index }, position) => (
                    <Paper key={range.key} withBorder radius="md" p="sm" role="group" aria-label={t('schedulingSettings.availability.rangeLabel', { day, n: position + 1 })}>
                      <Group align="flex-end" gap="sm" wrap="nowrap">
                        <SimpleGrid cols={withDates ? { base: 2, md: 4 } : 2} spacing="sm" className="fields-align-end" flex={1} maw={withDates ? undefined : 420}>
                          <TextInput type="time" label={t('schedulingSettings.availability.from')} required data-range-index={index} {...form.getInputProps(`weekly.${index}.startsAt`)} />
                          <TextInput type="time" label={t('schedulingSettings.availability.to')} required {...form.getInputProps(`weekly.${index}.endsAt`)} />
                          {withDates && (
                            <>
                              <TextInput type="date" label={t('schedulingSettings.availability.validFrom')} description={t('person.optional')} {...form.getInputProps(`weekly.${index}.validFrom`)} />
                              <TextInput type="date" label={t('schedulingSettings.availability.validUntil')} description={t('person.optional')} min={range.validFrom || undefined} {...form.getInputProps(`weekly.${index}.validUntil`)} />
                            </>
                          )}
                        </SimpleGrid>
                        {!withDates && <Box flex={1} />}
                        <Button size="sm" variant="default" flex="none" onClick={() => remove(index, weekday)} aria-label={t('schedulingSettings.availability.removeRange', { day: dayName, n: position + 1 })}>
                          {t('editableList.remove')}
                        </Button>
                      </Group>
                    </Paper>
                  ))}
                  <Button
                    ref={(element) => {
                      if (element) addButtons.current.set(weekday, element);
                      else addButtons.current.delete(weekday);
                    }}
                    size="sm"
                    variant="default"
                    w="fit-content"
                    onClick={() => add(weekday)}
                    aria-label={t('schedulingSettings.availability.addRangeOn', { day: dayName })}
                  >
                    {t('schedulingSettings.availability.addRange')}
                  </Button>
                </Stack>
              </fieldset>
            );
          })}
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <Button type="submit" w="fit-content" loading={save.isPending}>
            {t('schedulingSettings.availability.saveWeekly')}
          </Button>
          <VisuallyHidden role="status" aria-live="polite">
            {announcement}
          </VisuallyHidden>
        </Stack>
      </form>
    </Section>
  );
}
