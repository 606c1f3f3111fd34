import { Button, Grid, Group, Loader, Modal, MultiSelect, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonEpisodes, useStaffDirectory } from '../../api/episodes';
import { useIdempotencyKey } from '../../api/idempotency';
import { usePartners } from '../../api/partners';
import { useRelatives } from '../../api/plans';
import { agendaKey, appointmentKinds, checkAppointment, createAppointment, groupFormats, violationsOf, type AppointmentInput, type AppointmentKind, type Violation } from '../../api/scheduling';
import { useResources, useSectors, useSites } from '../../api/scheduling-settings';
import { useServices } from '../../api/services';
import { useActiveSession } from '../../api/session';
import { CheckboxFieldset } from '../../components/CheckboxFieldset';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fullName } from '../../format';
import { personKinds } from './appointment-words';
import { PersonPicker, type PickedPerson } from './PersonPicker';
import { bookingOf, type NewAppointmentValues } from './booking-input';
import { Refusal } from './Violations';
import { addMinutes, formatSlot, minutesBetween } from './zoned-time';

/** Where the dialog starts: a selected range of the calendar, and whose agenda it was. */
export interface NewAppointmentStart {
  date: string;
  startTime: string;
  endTime: string | null;
  staffIds: string[];
  person: PickedPerson | null;
  resourceId: string | null;
}

type CheckState = { state: 'idle' } | { state: 'checking' } | { state: 'ok' } | { state: 'refused'; violations: Violation[] } | { state: 'failed'; error: unknown };

/**
 * Checks the booking as the form changes (a dry run on the server, debounced), so a taken slot or a
 * broken rule shows before the user submits. The latest answer wins; older ones are ignored.
 */
function useLiveCheck(booking: AppointmentInput | null): CheckState {
  const [debounced] = useDebouncedValue(booking ? JSON.stringify(booking) : null, 400);
  const [check, setCheck] = useState<CheckState>({ state: 'idle' });
  const sequence = useRef(0);
  useEffect(() => {
    const current = ++sequence.current;
    if (!debounced) {
      setCheck({ state: 'idle' });
      return;
    }
    setCheck({ state: 'checking' });
    checkAppointment(JSON.parse(debounced) as AppointmentInput).then(
      (answer) => {
        if (current === sequence.current) setCheck(answer.ok ? { state: 'ok' } : { state: 'refused', violations: answer.violations });
      },
      (error: unknown) => {
        if (current === sequence.current) setCheck({ state: 'failed', error });
      },
    );
  }, [debounced]);
  return check;
}

/** The new-appointment dialog: what, who, where, when, how often; the rules are checked as it is filled. */
export function AppointmentDialog({ start, onClose, onCreated }: { start: NewAppointmentStart; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const timeZone = session.organization.timeZone;
  const client = useQueryClient();
  const notify = useNotify();
  const idempotency = useIdempotencyKey();
  const services = useServices(false);
  const directory = useStaffDirectory();
  const resources = useResources();
  const sites = useSites();
  const sectors = useSectors();
  const partners = usePartners(false);

  const form = useForm<NewAppointmentValues>({
    initialValues: {
      kind: 'individual',
      serviceId: '',
      person: start.person,
      episodeId: '',
      relativeIds: [],
      title: '',
      groupFormat: 'support_group',
      capacity: '8',
      modality: '',
      siteId: '',
      roomId: start.resourceId ?? '',
      equipmentIds: [],
      partnerId: '',
      homeAddress: '',
      sectorId: '',
      videoLink: '',
      date: start.date,
      startTime: start.startTime,
      endTime: start.endTime ?? addMinutes(start.startTime, 45),
      staffIds: start.staffIds,
      recurrence: 'none',
      customRule: '',
      recurrenceEnd: 'count',
      until: '',
      count: '6',
      notes: '',
    },
    validate: {
      serviceId: (v) => (v ? null : t('validation.required')),
      modality: (v) => (v ? null : t('validation.required')),
      date: (v) => (v ? null : t('validation.required')),
      startTime: (v) => (v ? null : t('validation.required')),
      endTime: (v, values) => (!v ? t('validation.required') : values.startTime && minutesBetween(values.startTime, v) <= 0 ? t('scheduling.form.endBeforeStart') : null),
      staffIds: (v) => (v.length > 0 ? null : t('scheduling.form.staffRequired')),
      person: (v, values) => (personKinds.includes(values.kind) && !v ? t('scheduling.form.personRequired') : null),
      relativeIds: (v, values) => (values.kind === 'with_relatives' && v.length === 0 ? t('scheduling.form.relativesRequired') : null),
      partnerId: (v, values) => (values.modality === 'partner_site' && !v ? t('validation.required') : null),
      homeAddress: (v, values) => (values.modality === 'home' && !v.trim() ? t('validation.required') : null),
      videoLink: (v, values) => (values.modality === 'video' && !/^https:\/\/\S+$/.test(v.trim()) ? t('scheduling.form.videoLinkInvalid') : null),
      title: (v, values) => (values.kind === 'group' && !v.trim() ? t('validation.required') : null),
      capacity: (v, values) => (values.kind === 'group' && !(Number.isInteger(Number(v)) && Number(v) >= 1) ? t('scheduling.form.capacityInvalid') : null),
      customRule: (v, values) => (values.recurrence === 'custom' && !/FREQ=/i.test(v) ? t('scheduling.form.ruleInvalid') : null),
      until: (v, values) => (values.recurrence !== 'none' && values.recurrenceEnd === 'until' && !v ? t('validation.required') : null),
      count: (v, values) => (values.recurrence !== 'none' && values.recurrenceEnd === 'count' && !(Number.isInteger(Number(v)) && Number(v) >= 1) ? t('scheduling.form.countInvalid') : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form, {
    'body.startsAt': 'startTime',
    'body.endsAt': 'endTime',
    'body.personId': 'person',
    'body.recurrence.rule': 'customRule',
    'body.recurrence.until': 'until',
    'body.recurrence.count': 'count',
    'body.resourceIds': 'equipmentIds',
  });
  const values = form.getValues();
  const service = services.data?.find((s) => s.id === values.serviceId) ?? null;
  const activeResources = (resources.data ?? []).filter((r) => r.archivedAt === null);
  const rooms = activeResources.filter((r) => r.kind === 'room' && (!values.siteId || r.siteId === values.siteId || r.siteId === null));
  const equipment = activeResources.filter((r) => r.kind === 'equipment');
  const isRoom = (id: string) => activeResources.some((r) => r.id === id && r.kind === 'room');
  const booking = useMemo(() => bookingOf(form.values, timeZone, isRoom), [form.values, timeZone, resources.data]);
  const check = useLiveCheck(booking);

  // A service brings its usual duration and its first modality.
  const chooseService = (serviceId: string) => {
    const chosen = services.data?.find((s) => s.id === serviceId);
    const current = form.getValues();
    form.setFieldValue('serviceId', serviceId);
    if (!chosen) return;
    form.setFieldValue('endTime', addMinutes(current.startTime, chosen.defaultDurationMinutes));
    if (!current.modality || !chosen.modalities.includes(current.modality)) form.setFieldValue('modality', chosen.modalities[0] ?? '');
  };
  // Opened from a room's agenda: on site, at that room's site; from equipment's: that equipment.
  useEffect(() => {
    if (start.resourceId && !values.siteId) {
      const room = resources.data?.find((r) => r.id === start.resourceId);
      if (room?.kind === 'room') form.setFieldValue('modality', 'on_site');
      if (room?.kind === 'room' && room.siteId) form.setFieldValue('siteId', room.siteId);
      if (room?.kind === 'equipment') form.setValues({ roomId: '', equipmentIds: [room.id] });
    }
  }, [resources.data]);

  const create = useMutation({
    mutationFn: (body: AppointmentInput) => createAppointment(body, idempotency.keyFor(body)),
    onSuccess: async (result) => {
      idempotency.done();
      await client.invalidateQueries({ queryKey: agendaKey });
      notify(result.occurrences > 1 ? t('scheduling.form.createdSeries', { count: result.occurrences }) : t('scheduling.form.created'));
      onCreated(result.id);
    },
    onError: onServerError,
  });
  const refusedOnSubmit = violationsOf(create.error);

  const submit = form.onSubmit(
    (submitted) => {
      const body = bookingOf(submitted, timeZone, isRoom);
      if (body) create.mutate(body);
    },
    () => focusFirstInvalid(formRef.current),
  );

  const kindOptions = appointmentKinds.map((kind) => ({ value: kind, label: t(`scheduling.kinds.${kind}`) }));
  const modalityOptions = (service?.modalities ?? []).map((m) => ({ value: m, label: t(`scheduling.modalities.${m}`) }));
  const staffOptions = (directory.data ?? []).map((s) => ({ value: s.id, label: s.id === session.staffMember.id ? t('scheduling.agenda.meNamed', { name: fullName(s) }) : fullName(s) }));
  const forPerson = personKinds.includes(values.kind);
  const checkPanel = (
    <div aria-live="polite" className="check-panel" data-testid="live-check">
      {check.state === 'checking' && (
        <Group gap="xs" role="status">
          <Loader size="xs" aria-hidden />
          <Text size="sm">{t('scheduling.form.checking')}</Text>
        </Group>
      )}
      {check.state === 'ok' && refusedOnSubmit.length === 0 && (
        <Text size="sm" c="var(--mantine-color-green-light-color)" fw={600} role="status">
          {t('scheduling.form.slotFree', { when: formatSlot(booking?.startsAt ?? '', booking?.endsAt ?? '', session.staffMember.locale, timeZone) })}
        </Text>
      )}
      {check.state === 'idle' && (
        <Text size="sm" c="dimmed">
          {t('scheduling.form.checkWaiting')}
        </Text>
      )}
      {check.state === 'refused' && <Refusal title={t('scheduling.form.refusedTitle')} violations={check.violations} />}
      {check.state === 'failed' && <ProblemAlert error={check.error} title={t('scheduling.form.checkFailed')} />}
      {refusedOnSubmit.length > 0 && <Refusal title={t('scheduling.form.refusedTitle')} violations={refusedOnSubmit} />}
    </div>
  );

  return (
    <Modal opened onClose={onClose} title={t('scheduling.form.title')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={submit}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('scheduling.form.kind')}
              required
              data={kindOptions}
              data-autofocus
              {...form.getInputProps('kind')}
              onChange={(event) => {
                const kind = event.currentTarget.value as AppointmentKind;
                form.setFieldValue('kind', kind);
                // An on-site day takes place at the partner's premises.
                if (kind === 'partner_onsite_day') form.setFieldValue('modality', 'partner_site');
              }}
            />
            <NativeSelect
              label={t('scheduling.form.service')}
              required
              data={[{ value: '', label: services.isPending ? t('common.loading') : t('scheduling.form.choose') }, ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
              description={service ? t('scheduling.form.serviceRules', { max: service.maxDurationMinutes }) : undefined}
              {...form.getInputProps('serviceId')}
              onChange={(event) => chooseService(event.currentTarget.value)}
            />
          </SimpleGrid>

          {forPerson && (
            <PersonPicker label={t('scheduling.form.person')} required value={values.person} onChange={(person) => form.setValues({ person, episodeId: '', relativeIds: [] })} error={form.errors.person} />
          )}
          {forPerson && values.person && <EpisodeAndRelatives personId={values.person.id} serviceId={values.serviceId} withRelatives={values.kind === 'with_relatives'} form={form} />}

          {(values.kind === 'group' || !forPerson) && (
            <TextInput label={values.kind === 'group' ? t('scheduling.form.groupTitle') : t('scheduling.form.title2')} required={values.kind === 'group'} description={values.kind === 'group' ? t('scheduling.form.groupTitleHelp') : t('scheduling.form.optional')} {...form.getInputProps('title')} />
          )}
          {values.kind === 'group' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect label={t('scheduling.form.groupFormat')} data={groupFormats.map((f) => ({ value: f, label: t(`scheduling.groupFormats.${f}`) }))} {...form.getInputProps('groupFormat')} />
              <TextInput label={t('scheduling.form.capacity')} description={t('scheduling.form.capacityHelp')} required type="number" inputMode="numeric" min={1} max={200} {...form.getInputProps('capacity')} />
            </SimpleGrid>
          )}

          <fieldset className="form-group">
            <legend>{t('scheduling.form.when')}</legend>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput type="date" label={t('scheduling.form.date')} required {...form.getInputProps('date')} />
              <TextInput type="time" label={t('scheduling.form.startTime')} required step={300} {...form.getInputProps('startTime')} />
              <TextInput type="time" label={t('scheduling.form.endTime')} required step={300} {...form.getInputProps('endTime')} />
            </SimpleGrid>
          </fieldset>

          <MultiSelect
            label={t('scheduling.form.staff')}
            description={t('scheduling.form.staffHelp')}
            required
            searchable
            data={staffOptions}
            nothingFoundMessage={t('scheduling.form.nobodyFound')}
            maxValues={20}
            hidePickedOptions
            {...form.getInputProps('staffIds')}
          />

          <fieldset className="form-group">
            <legend>{t('scheduling.form.where')}</legend>
            <Stack gap="sm">
              <NativeSelect
                label={t('scheduling.form.modality')}
                required
                data={[{ value: '', label: service ? t('scheduling.form.choose') : t('scheduling.form.serviceFirst') }, ...modalityOptions]}
                {...form.getInputProps('modality')}
              />
              {values.modality === 'on_site' && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NativeSelect label={t('scheduling.form.site')} data={[{ value: '', label: t('scheduling.form.anySite') }, ...(sites.data ?? []).filter((s) => s.archivedAt === null).map((s) => ({ value: s.id, label: s.name }))]} {...form.getInputProps('siteId')} />
                  <NativeSelect label={t('scheduling.form.room')} data={[{ value: '', label: t('scheduling.form.noRoom') }, ...rooms.map((r) => ({ value: r.id, label: r.siteName ? `${r.name} (${r.siteName})` : r.name }))]} {...form.getInputProps('roomId')} />
                </SimpleGrid>
              )}
              {values.modality === 'partner_site' && (
                <NativeSelect label={t('scheduling.form.partner')} required data={[{ value: '', label: t('scheduling.form.choose') }, ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))]} {...form.getInputProps('partnerId')} />
              )}
              {values.modality === 'home' && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label={t('scheduling.form.homeAddress')} required autoComplete="off" {...form.getInputProps('homeAddress')} />
                  <NativeSelect label={t('scheduling.form.sector')} description={t('scheduling.form.sectorHelp')} data={[{ value: '', label: t('scheduling.form.noSector') }, ...(sectors.data?.sectors ?? []).map((s) => ({ value: s.id, label: s.name }))]} {...form.getInputProps('sectorId')} />
                </SimpleGrid>
              )}
              {values.modality === 'video' && <TextInput type="url" label={t('scheduling.form.videoLink')} description={t('scheduling.form.videoLinkHelp')} required autoComplete="off" placeholder="https://" {...form.getInputProps('videoLink')} />}
              {equipment.length > 0 && (
                <CheckboxFieldset legend={t('scheduling.form.equipment')} options={equipment.map((r) => ({ value: r.id, label: r.name }))} value={values.equipmentIds} onChange={(ids) => form.setFieldValue('equipmentIds', ids)} error={form.errors.equipmentIds} />
              )}
            </Stack>
          </fieldset>

          <fieldset className="form-group">
            <legend>{t('scheduling.form.recurrence')}</legend>
            <Stack gap="sm">
              <NativeSelect
                label={t('scheduling.form.repeat')}
                data={(['none', 'weekly', 'biweekly', 'custom'] as const).map((r) => ({ value: r, label: t(`scheduling.form.repeats.${r}`) }))}
                {...form.getInputProps('recurrence')}
              />
              {values.recurrence === 'custom' && <TextInput label={t('scheduling.form.customRule')} description={t('scheduling.form.customRuleHelp')} required autoComplete="off" {...form.getInputProps('customRule')} />}
              {values.recurrence !== 'none' && (
                <Grid align="flex-end">
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <NativeSelect label={t('scheduling.form.recurrenceEnd')} data={[{ value: 'count', label: t('scheduling.form.endCount') }, { value: 'until', label: t('scheduling.form.endUntil') }]} {...form.getInputProps('recurrenceEnd')} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    {values.recurrenceEnd === 'count' ? (
                      <TextInput type="number" inputMode="numeric" min={1} max={104} label={t('scheduling.form.count')} required {...form.getInputProps('count')} />
                    ) : (
                      <TextInput type="date" label={t('scheduling.form.until')} min={values.date} required {...form.getInputProps('until')} />
                    )}
                  </Grid.Col>
                </Grid>
              )}
            </Stack>
          </fieldset>

          <Textarea label={t('scheduling.form.notes')} description={t('scheduling.form.notesHelp')} autosize minRows={2} maxLength={2000} {...form.getInputProps('notes')} />

          <div className="dialog-footer">
            <Stack gap="sm">
              {checkPanel}
              <ProblemAlert error={refusedOnSubmit.length > 0 ? null : create.error} boundFields={boundFields} />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose} disabled={create.isPending}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={create.isPending}>
                  {t('scheduling.form.submit')}
                </Button>
              </Group>
            </Stack>
          </div>
        </Stack>
      </form>
    </Modal>
  );
}

/** The person's current episode for this service, and (sessions with relatives) who of their circle comes. */
function EpisodeAndRelatives({ personId, serviceId, withRelatives, form }: { personId: string; serviceId: string; withRelatives: boolean; form: UseFormReturnType<NewAppointmentValues> }) {
  const { t } = useTranslation();
  const episodes = usePersonEpisodes(personId);
  const current = (episodes.data ?? []).filter((e) => e.endedOn === null);
  const episodeId = form.getValues().episodeId;
  // The episode of the chosen service is the usual one: picked for the user, who may change it.
  useEffect(() => {
    const match = current.find((e) => e.serviceId === serviceId);
    if (match && episodeId !== match.id) form.setFieldValue('episodeId', match.id);
  }, [episodes.data, serviceId]);
  return (
    <>
      <NativeSelect
        label={t('scheduling.form.episode')}
        description={t('scheduling.form.episodeHelp')}
        data={[{ value: '', label: episodes.isPending ? t('common.loading') : t('scheduling.form.noEpisode') }, ...current.map((e) => ({ value: e.id, label: e.serviceName }))]}
        {...form.getInputProps('episodeId')}
      />
      {withRelatives && <RelativesChoice personId={personId} form={form} />}
    </>
  );
}

function RelativesChoice({ personId, form }: { personId: string; form: UseFormReturnType<NewAppointmentValues> }) {
  const { t } = useTranslation();
  const relatives = useRelatives(personId);
  if (relatives.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  const options = (relatives.data ?? []).map((r) => ({ value: r.id, label: fullName(r) }));
  if (options.length === 0) return <Text size="sm" c="dimmed">{t('scheduling.form.noRelatives')}</Text>;
  return <CheckboxFieldset legend={t('scheduling.form.relatives')} required options={options} value={form.getValues().relativeIds} onChange={(ids) => form.setFieldValue('relativeIds', ids)} error={form.errors.relativeIds} />;
}
