import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useIdempotencyKey } from '../../api/idempotency';
import { confidentialityLevels, journalEntryKinds, type JournalEntry, type JournalEntryInput } from '../../api/journal';
import { useEpisodePlan } from '../../api/plans';
import type { Agenda } from '../../api/scheduling';
import { useActiveSession } from '../../api/session';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { isoToZoned, zonedToIso } from '../scheduling/zoned-time';

interface Values extends Record<string, unknown> {
  kind: string;
  text: string;
  date: string;
  time: string;
  confidentiality: string;
  goalId: string;
  appointmentId: string;
}

/**
 * Writes a new entry on an episode, or (with `entry`) edits one within its 24 hours. The date and
 * time are the structure's wall clock; the level says in plain words who will read the entry. The
 * goal and the appointment it may concern come from the episode's plan and the person's agenda.
 */
export function EntryForm({ episodeId, personId, entry, onDone }: { episodeId: string; personId: string; entry?: JournalEntry; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useActiveSession();
  const timeZone = session.organization.timeZone;
  const client = useQueryClient();
  const notify = useNotify();
  const idempotency = useIdempotencyKey();
  const when = isoToZoned(entry?.occurredAt ?? new Date().toISOString(), timeZone);
  const form = useForm<Values>({
    initialValues: {
      kind: entry?.kind ?? 'observation',
      text: entry?.text ?? '',
      date: when.date,
      time: when.time,
      confidentiality: entry?.confidentiality ?? 'care_team',
      goalId: entry?.goal?.id ?? '',
      appointmentId: entry?.appointment?.id ?? '',
    },
    validate: {
      text: (v) => (v.trim() ? null : t('validation.required')),
      date: (v) => (v ? null : t('validation.required')),
      time: (v) => (v ? null : t('validation.required')),
    },
  });
  // The server names occurredAt; the form shows it on the date.
  const { formRef, boundFields, onServerError } = useServerErrors(form, { 'body.occurredAt': 'date' });
  const plan = useEpisodePlan(episodeId);
  const goals = (plan.data?.active ?? plan.data?.latest)?.content.goals ?? [];
  // The person's appointments of the last two months, to link a session note to its session.
  const range = { from: new Date(Date.now() - 60 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
  const appointments = useQuery({
    queryKey: ['journal', 'appointments', personId],
    queryFn: () => api.get<Agenda>(`/api/v1/agenda?${new URLSearchParams({ ...range, personId }).toString()}`),
    staleTime: 60_000,
  });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: JournalEntryInput = {
        kind: v.kind as JournalEntryInput['kind'],
        text: v.text.trim(),
        occurredAt: zonedToIso(v.date, v.time, timeZone),
        confidentiality: v.confidentiality as JournalEntryInput['confidentiality'],
        goalId: v.goalId || null,
        appointmentId: v.appointmentId || null,
      };
      return entry
        ? api.patch<JournalEntry>(`/api/v1/journal/entries/${entry.id}`, body, String(entry.revision))
        : api.postIdempotent<JournalEntry>(`/api/v1/episodes/${episodeId}/journal`, body, idempotency.keyFor(body));
    },
    onSuccess: () => {
      idempotency.done();
      notify(entry ? t('journal.edit.saved') : t('journal.write.saved'));
      void client.invalidateQueries({ queryKey: ['journal'] });
      onDone();
    },
    onError: onServerError,
  });
  const visibleAppointments = (appointments.data?.events ?? []).filter((e) => e.visible && e.status !== 'cancelled');
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => save.mutate(v), () => focusFirstInvalid(formRef.current))}>
      <Stack>
        <ProblemAlert error={save.error} boundFields={boundFields} />
        <NativeSelect label={t('journal.write.kind')} required data={journalEntryKinds.map((k) => ({ value: k, label: t(`journal.kinds.${k}`) }))} {...form.getInputProps('kind')} />
        <Textarea label={t('journal.write.text')} description={t('journal.write.textHelp')} required autosize minRows={4} maxLength={20000} {...form.getInputProps('text')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('journal.write.date')} description={t('journal.write.dateHelp')} required {...form.getInputProps('date')} />
          <TextInput type="time" label={t('journal.write.time')} required {...form.getInputProps('time')} />
        </SimpleGrid>
        <RadioFieldset
          legend={t('journal.write.level')}
          required
          name={`level-${entry?.id ?? 'new'}`}
          value={form.values.confidentiality}
          onChange={(v) => form.setFieldValue('confidentiality', v)}
          options={confidentialityLevels.map((level) => ({ value: level, label: t(`journal.levels.${level}`), description: t(`journal.levelHelp.${level}`) }))}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('journal.write.goal')}
            data={[{ value: '', label: t('journal.write.goalNone') }, ...goals.map((g) => ({ value: g.id, label: g.personWording }))]}
            {...form.getInputProps('goalId')}
          />
          <NativeSelect
            label={t('journal.write.appointment')}
            data={[
              { value: '', label: t('journal.write.appointmentNone') },
              ...visibleAppointments.map((a) => ({ value: a.id, label: `${formatDateTime(a.startsAt, locale)} – ${a.serviceName}` })),
              // An edited entry keeps its link even when the appointment is older than the list.
              ...(entry?.appointment && !visibleAppointments.some((a) => a.id === entry.appointment!.id) ? [{ value: entry.appointment.id, label: formatDateTime(entry.appointment.startsAt, locale) }] : []),
            ]}
            {...form.getInputProps('appointmentId')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {entry ? t('journal.edit.submit') : t('journal.write.submit')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
