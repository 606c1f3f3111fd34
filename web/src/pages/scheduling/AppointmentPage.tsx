import './agenda.css';
import { Alert, Anchor, Badge, Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  agendaKey,
  appointmentKey,
  cancelAppointment,
  cancellingParties,
  checkAppointment,
  inputFromAppointment,
  isStale,
  setAppointmentStatus,
  updateAppointment,
  useAppointment,
  violationsOf,
  type Appointment,
  type CancellingParty,
  type SeriesScope,
  type Violation,
} from '../../api/scheduling';
import { can, useActiveSession } from '../../api/session';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { currentLocale } from '../../i18n/setup';
import { kindColours } from './appointment-words';
import { GroupPanel } from './GroupPanel';
import { Refusal } from './Violations';
import { formatSlot, isoToZoned, minutesBetween, zonedToIso } from './zoned-time';

/** One appointment: what, when, who, where; its status; moving it (the keyboard way); cancelling; a group's places. */
export function AppointmentPage() {
  const { t } = useTranslation();
  const { appointmentId = '' } = useParams();
  const appointment = useAppointment(appointmentId);
  const timeZone = useActiveSession().organization.timeZone;
  const heading = appointment.data ? appointmentTitle(appointment.data, t) : t('scheduling.appointment.titleLoading');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={appointment.data ? `/agenda?date=${isoToZoned(appointment.data.startsAt, timeZone).date}` : '/agenda'} size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {t('scheduling.appointment.backToAgenda')}
      </Anchor>
      <PageHeading documentTitle={heading}>{heading}</PageHeading>
      {appointment.isPending ? (
        <Loading />
      ) : appointment.isError ? (
        <Alert color="orange" variant="light" role="alert">
          {isApiError(appointment.error, 'not_found') || isApiError(appointment.error, 'validation_failed') ? t('scheduling.appointment.notFound') : appointment.error.message}
        </Alert>
      ) : (
        <AppointmentDetails appointment={appointment.data} />
      )}
    </Stack>
  );
}

function appointmentTitle(a: Appointment, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (a.kind === 'group') return a.title ?? a.serviceName;
  if (a.personLabel) return t('scheduling.appointment.titleWith', { kind: t(`scheduling.kinds.${a.kind}`), name: a.personLabel });
  return a.title ?? t(`scheduling.kinds.${a.kind}`);
}

function AppointmentDetails({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const timeZone = session.organization.timeZone;
  const mayBook = can(session, 'appointment:book');
  const open = appointment.status === 'planned' || appointment.status === 'confirmed';
  const place = placeOf(appointment, t);
  return (
    <>
      <Group gap="xs">
        <Badge color={kindColours[appointment.kind]} variant="filled" size="lg" radius="sm">
          {t(`scheduling.kinds.${appointment.kind}`)}
        </Badge>
        <Badge color={appointment.status === 'cancelled' || appointment.status === 'missed' ? 'red.9' : appointment.status === 'done' ? 'green.9' : 'gray.8'} variant="outline" size="lg" radius="sm" data-testid="appointment-status">
          {t(`scheduling.statuses.${appointment.status}`)}
        </Badge>
        {appointment.seriesId && (
          <Badge color="gray.8" variant="outline" size="lg" radius="sm">
            {t('scheduling.appointment.inSeries')}
          </Badge>
        )}
      </Group>
      {appointment.status === 'cancelled' && (
        <Alert color="gray" variant="light" role="note" title={t('scheduling.appointment.cancelledTitle')}>
          {t('scheduling.appointment.cancelledBy', { party: t(`scheduling.parties.${appointment.cancelledByParty ?? 'structure'}`), reason: appointment.cancelReason ?? '' })}
        </Alert>
      )}
      {appointment.status === 'missed' && appointment.outcomeNote && (
        <Alert color="gray" variant="light" role="note" title={t('scheduling.appointment.missedNoteTitle')}>
          {appointment.outcomeNote}
        </Alert>
      )}
      <Section id="appointment-details" title={t('scheduling.appointment.details')}>
        <FactGroup>
          <Fact label={t('scheduling.appointment.when')}>{formatSlot(appointment.startsAt, appointment.endsAt, locale, timeZone)}</Fact>
          <Fact label={t('scheduling.form.service')}>{appointment.serviceName}</Fact>
          {appointment.kind === 'group' && appointment.groupFormat && <Fact label={t('scheduling.form.groupFormat')}>{t(`scheduling.groupFormats.${appointment.groupFormat}`)}</Fact>}
          {appointment.personId && (
            <Fact label={t('scheduling.form.person')} empty={t('scheduling.appointment.personHidden')}>
              {appointment.personLabel && (
                <Anchor component={Link} to={`/people/${appointment.personId}`} inherit>
                  {appointment.personLabel}
                </Anchor>
              )}
            </Fact>
          )}
          <Fact label={t('scheduling.form.staff')}>{appointment.staff.map((s) => s.name).join(', ')}</Fact>
          <Fact label={t('scheduling.form.modality')}>{t(`scheduling.modalities.${appointment.modality}`)}</Fact>
          {place && <Fact label={t('scheduling.appointment.place')}>{place}</Fact>}
          {appointment.videoLink && (
            <Fact label={t('scheduling.form.videoLink')}>
              <Anchor href={appointment.videoLink} target="_blank" rel="noreferrer" inherit>
                {appointment.videoLink}
              </Anchor>
            </Fact>
          )}
          {appointment.resources.length > 0 && <Fact label={t('scheduling.appointment.resources')}>{appointment.resources.map((r) => r.name).join(', ')}</Fact>}
          {appointment.relatives.length > 0 && <Fact label={t('scheduling.form.relatives')}>{appointment.relatives.map((r) => r.name).join(', ')}</Fact>}
          {appointment.notes && <Fact label={t('scheduling.form.notes')}>{appointment.notes}</Fact>}
        </FactGroup>
      </Section>
      {mayBook && open && <StatusActions appointment={appointment} />}
      {appointment.kind === 'group' && <GroupPanel appointment={appointment} mayBook={mayBook} />}
      {mayBook && open && <MoveForm appointment={appointment} />}
    </>
  );
}

function placeOf(a: Appointment, t: (key: string) => string): string | null {
  const room = a.resources.find((r) => r.kind === 'room');
  if (a.modality === 'on_site') return [room?.name, a.siteName].filter(Boolean).join(', ') || null;
  if (a.modality === 'partner_site') return a.partnerName;
  if (a.modality === 'home') return a.homeAddress;
  if (a.modality === 'phone') return t('scheduling.modalities.phone');
  return null;
}

/** Confirm, done, missed (with a note to the team, no penalty), cancel (why, by whom, which sessions). */
function StatusActions({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [dialog, setDialog] = useState<'missed' | 'cancel' | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const started = new Date(appointment.startsAt).getTime() <= Date.now();
  const setStatus = useMutation({
    mutationFn: (status: 'confirmed' | 'done') => setAppointmentStatus(appointment.id, { status }),
    onSuccess: async (_, status) => {
      await refresh(client, appointment.id);
      notify(t(`scheduling.appointment.statusSaved.${status}`));
    },
  });
  const close = () => {
    setDialog(null);
    window.setTimeout(() => opener.current?.focus(), 60);
  };
  return (
    <Section id="appointment-status" title={t('scheduling.appointment.statusTitle')} description={started ? t('scheduling.appointment.statusHelpPast') : t('scheduling.appointment.statusHelpFuture')}>
      <ProblemAlert error={setStatus.error} />
      <Group gap="sm">
        {appointment.status === 'planned' && (
          <Button variant="default" onClick={() => setStatus.mutate('confirmed')} loading={setStatus.isPending && setStatus.variables === 'confirmed'}>
            {t('scheduling.appointment.confirm')}
          </Button>
        )}
        {started && (
          <Button variant="default" onClick={() => setStatus.mutate('done')} loading={setStatus.isPending && setStatus.variables === 'done'}>
            {t('scheduling.appointment.done')}
          </Button>
        )}
        {/* A group's absences are its attendance list. */}
        {started && appointment.kind !== 'group' && (
          <Button
            variant="default"
            onClick={(event) => {
              opener.current = event.currentTarget;
              setDialog('missed');
            }}
          >
            {t('scheduling.appointment.missed')}
          </Button>
        )}
        <Button
          variant="default"
          color="red.8"
          onClick={(event) => {
            opener.current = event.currentTarget;
            setDialog('cancel');
          }}
        >
          {t('scheduling.appointment.cancel')}
        </Button>
      </Group>
      {dialog === 'missed' && <MissedDialog appointment={appointment} onClose={close} />}
      {dialog === 'cancel' && <CancelDialog appointment={appointment} onClose={close} />}
    </Section>
  );
}

async function refresh(client: ReturnType<typeof useQueryClient>, id: string) {
  await Promise.all([client.invalidateQueries({ queryKey: appointmentKey(id) }), client.invalidateQueries({ queryKey: agendaKey })]);
}

function MissedDialog({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = useForm({ initialValues: { note: '' }, validate: { note: (v) => (v.trim().length >= 3 ? null : t('scheduling.appointment.missedNoteRequired')) } });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: (note: string) => setAppointmentStatus(appointment.id, { status: 'missed', note }),
    onSuccess: async () => {
      await refresh(client, appointment.id);
      notify(t('scheduling.appointment.statusSaved.missed'));
      onClose();
    },
    onError: onServerError,
  });
  return (
    <Modal opened onClose={onClose} title={t('scheduling.appointment.missedTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => save.mutate(v.note.trim()), () => focusFirstInvalid(formRef.current))}>
        <Stack>
          <Text>{t('scheduling.appointment.missedText')}</Text>
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <Textarea label={t('scheduling.appointment.missedNote')} description={t('scheduling.appointment.missedNoteHelp')} required autosize minRows={3} maxLength={2000} data-autofocus {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('scheduling.appointment.missedConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ScopeField({ value, onChange }: { value: SeriesScope; onChange: (scope: SeriesScope) => void }) {
  const { t } = useTranslation();
  return (
    <RadioFieldset
      legend={t('scheduling.scope.legend')}
      options={[
        { value: 'this', label: t('scheduling.scope.this') },
        { value: 'following', label: t('scheduling.scope.following') },
      ]}
      value={value}
      onChange={(v) => onChange(v as SeriesScope)}
    />
  );
}

function CancelDialog({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = useForm<{ reason: string; cancelledByParty: CancellingParty | ''; scope: SeriesScope }>({
    initialValues: { reason: '', cancelledByParty: '', scope: 'this' },
    validate: {
      reason: (v) => (v.trim().length >= 3 ? null : t('scheduling.appointment.cancelReasonRequired')),
      cancelledByParty: (v) => (v ? null : t('scheduling.appointment.cancelPartyRequired')),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const cancel = useMutation({
    mutationFn: (v: { reason: string; cancelledByParty: CancellingParty; scope: SeriesScope }) => cancelAppointment(appointment.id, { reason: v.reason, cancelledByParty: v.cancelledByParty, ...(appointment.seriesId ? { scope: v.scope } : {}) }),
    onSuccess: async () => {
      await refresh(client, appointment.id);
      notify(t('scheduling.appointment.cancelled'));
      onClose();
    },
    onError: onServerError,
  });
  return (
    <Modal opened onClose={onClose} title={t('scheduling.appointment.cancelTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (v) => {
            if (v.cancelledByParty) cancel.mutate({ reason: v.reason.trim(), cancelledByParty: v.cancelledByParty, scope: v.scope });
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          <ProblemAlert error={cancel.error} boundFields={boundFields} />
          <RadioFieldset
            legend={t('scheduling.appointment.cancelledByParty')}
            required
            options={cancellingParties.map((p) => ({ value: p, label: t(`scheduling.parties.${p}`) }))}
            value={form.values.cancelledByParty}
            onChange={(v) => form.setFieldValue('cancelledByParty', v as CancellingParty)}
            error={form.errors.cancelledByParty}
            cols={{ base: 1, sm: 2 }}
          />
          <Textarea label={t('scheduling.appointment.cancelReason')} description={t('scheduling.appointment.cancelReasonHelp')} required autosize minRows={2} maxLength={2000} {...form.getInputProps('reason')} />
          {appointment.seriesId && <ScopeField value={form.values.scope} onChange={(scope) => form.setFieldValue('scope', scope)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={cancel.isPending}>
              {t('scheduling.appointment.keep')}
            </Button>
            <Button type="submit" color="red.8" loading={cancel.isPending}>
              {t('scheduling.appointment.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Moving without dragging (WCAG 2.1.1): a date and times, checked like a drop, then saved on the
 * version shown. A 412 says who changed the appointment meanwhile; the page then shows the new one.
 */
function MoveForm({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const timeZone = session.organization.timeZone;
  const client = useQueryClient();
  const notify = useNotify();
  const start = isoToZoned(appointment.startsAt, timeZone);
  const end = isoToZoned(appointment.endsAt, timeZone);
  const [violations, setViolations] = useState<Violation[]>([]);
  const form = useForm({
    initialValues: { date: start.date, startTime: start.time, endTime: end.time, scope: 'this' as SeriesScope },
    validate: {
      date: (v) => (v ? null : t('validation.required')),
      startTime: (v) => (v ? null : t('validation.required')),
      endTime: (v, values) => (!v ? t('validation.required') : minutesBetween(values.startTime, v) <= 0 ? t('scheduling.form.endBeforeStart') : null),
    },
  });
  const { formRef, onServerError } = useServerErrors(form, { 'body.startsAt': 'startTime', 'body.endsAt': 'endTime' });
  // The page may first show a cached copy: when the saved times arrive (or change), the fields follow.
  useEffect(() => {
    form.setValues({ date: start.date, startTime: start.time, endTime: end.time });
  }, [appointment.startsAt, appointment.endsAt]);
  const move = useMutation({
    mutationFn: async (v: { date: string; startTime: string; endTime: string; scope: SeriesScope }) => {
      const startsAt = zonedToIso(v.date, v.startTime, timeZone);
      const endsAt = zonedToIso(v.date, v.endTime, timeZone);
      setViolations([]);
      const check = await checkAppointment({ ...inputFromAppointment(appointment), startsAt, endsAt, appointmentId: appointment.id });
      if (!check.ok) {
        setViolations(check.violations);
        return null;
      }
      return updateAppointment(appointment.id, appointment.version, { startsAt, endsAt, ...(appointment.seriesId ? { scope: v.scope } : {}) });
    },
    onSuccess: async (moved) => {
      if (!moved) return;
      client.setQueryData(appointmentKey(appointment.id), moved);
      await client.invalidateQueries({ queryKey: agendaKey });
      notify(t('scheduling.agenda.moved', { when: formatSlot(moved.startsAt, moved.endsAt, currentLocale(), timeZone) }));
    },
    onError: async (error) => {
      setViolations(violationsOf(error));
      onServerError(error);
      if (isStale(error)) await client.invalidateQueries({ queryKey: appointmentKey(appointment.id) });
    },
  });
  return (
    <Section id="appointment-move" title={t('scheduling.move.title')} description={t('scheduling.move.help')}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => move.mutate(v), () => focusFirstInvalid(formRef.current))}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput type="date" label={t('scheduling.form.date')} required {...form.getInputProps('date')} />
            <TextInput type="time" label={t('scheduling.form.startTime')} required step={300} {...form.getInputProps('startTime')} />
            <TextInput type="time" label={t('scheduling.form.endTime')} required step={300} {...form.getInputProps('endTime')} />
          </SimpleGrid>
          {appointment.seriesId && <ScopeField value={form.values.scope} onChange={(scope) => form.setFieldValue('scope', scope)} />}
          <div aria-live="polite">
            {violations.length > 0 && <Refusal title={t('scheduling.move.refused')} violations={violations} />}
            {violations.length === 0 && move.error && <Refusal title={isStale(move.error) ? t('scheduling.move.stale') : t('scheduling.move.refused')} violations={[]} error={move.error} />}
          </div>
          <Group>
            <Button type="submit" loading={move.isPending}>
              {t('scheduling.move.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
