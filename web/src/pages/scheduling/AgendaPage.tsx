import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import './agenda.css';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import enGbLocale from '@fullcalendar/react/locales/en-gb';
import frLocale from '@fullcalendar/react/locales/fr';
import classicTheme from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import type { DateSelectInfo, EventChangeInfo, EventClickInfo, EventDisplayInfo, EventInput } from '@fullcalendar/react';
import { Alert, Anchor, Button, Checkbox, Group, Loader, Modal, MultiSelect, NativeSelect, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useStaffDirectory } from '../../api/episodes';
import { agendaKey, appointmentKey, checkAppointment, inputFromAppointment, isStale, updateAppointment, useAgenda, type Agenda, type AgendaFilter, type Appointment, type AgendaEvent, type SeriesScope, type Violation } from '../../api/scheduling';
import { useResources } from '../../api/scheduling-settings';
import { can, useActiveSession } from '../../api/session';
import type { Person } from '../../api/types';
import { RadioFieldset } from '../../components/RadioFieldset';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fullName, listName } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { absenceColour, busyColour, kindColours } from './appointment-words';
import { AppointmentDialog, type NewAppointmentStart } from './AppointmentDialog';
import { Refusal } from './Violations';
import { formatSlot, isoToZoned, zonedToIso } from './zoned-time';

type Whose = 'me' | 'colleagues' | 'resource' | 'person';

// The calendar's fixed options, created once: new objects on each render would make FullCalendar redo its layout.
const plugins = [classicTheme, dayGridPlugin, timeGridPlugin, interactionPlugin];
const headerToolbar = { start: 'prev,next today', center: 'title', end: 'timeGridDay,timeGridWeek,dayGridMonth' };
const timeFormat = { hour: '2-digit', minute: '2-digit', hour12: false } as const;
const views = { timeGridWeek: { displayEventEnd: false } };

/** Whose agenda, from the address (so a link from a person's record or a shared address opens it). */
function useWhose() {
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId');
  const staffIds = (params.get('staffIds') ?? '').split(',').filter(Boolean);
  const resourceId = params.get('resourceId') ?? '';
  // A link may open the agenda on a given day ("?date=2026-03-24"), as the appointment page does.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date') : null;
  const whose: Whose = personId ? 'person' : resourceId || params.get('whose') === 'resource' ? 'resource' : staffIds.length > 0 || params.get('whose') === 'colleagues' ? 'colleagues' : 'me';
  const update = (next: { whose: Whose; staffIds?: string[]; resourceId?: string }) => {
    const query = new URLSearchParams();
    if (next.whose === 'colleagues') {
      query.set('whose', 'colleagues');
      if (next.staffIds?.length) query.set('staffIds', next.staffIds.join(','));
    }
    if (next.whose === 'resource') {
      query.set('whose', 'resource');
      if (next.resourceId) query.set('resourceId', next.resourceId);
    }
    if (date) query.set('date', date);
    setParams(query, { replace: true });
  };
  return { whose, personId, staffIds, resourceId, date, update };
}

interface ScopeRequest {
  resolve: (scope: SeriesScope | null) => void;
}

type MoveProblem = { violations: Violation[]; error?: undefined } | { violations: []; error: unknown };

/**
 * The agenda: day, week and month in the structure's time zone, for me, colleagues, a room or
 * equipment, or one person. Select a range to book; drag or resize to move (checked first, then
 * saved with the version the user saw). The keyboard way to move is the appointment page's form.
 */
export function AgendaPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const timeZone = session.organization.timeZone;
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const directory = useStaffDirectory();
  const resources = useResources();
  const { whose, personId, staffIds, resourceId, date, update } = useWhose();
  const person = useQuery({ queryKey: ['person', personId ?? ''], queryFn: () => api.get<Person>(`/api/v1/people/${personId}`), enabled: personId !== null, retry: false });
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [includeCancelled, setIncludeCancelled] = useState(false);
  const [creating, setCreating] = useState<NewAppointmentStart | null>(null);
  const [moving, setMoving] = useState(false);
  const [moveProblem, setMoveProblem] = useState<MoveProblem | null>(null);
  const [scopeRequest, setScopeRequest] = useState<ScopeRequest | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const mayBook = can(session, 'appointment:book');

  const filter: AgendaFilter = useMemo(() => {
    if (whose === 'person' && personId) return { staffIds: [], resourceIds: [], personId };
    if (whose === 'resource') return { staffIds: [], resourceIds: resourceId ? [resourceId] : [], personId: null };
    if (whose === 'colleagues') return { staffIds, resourceIds: [], personId: null };
    return { staffIds: [session.staffMember.id], resourceIds: [], personId: null };
  }, [whose, personId, resourceId, staffIds.join(','), session.staffMember.id]);
  const nothingChosen = filter.staffIds.length === 0 && filter.resourceIds.length === 0 && !filter.personId;
  const agenda = useAgenda(filter, nothingChosen ? null : range, includeCancelled);
  const events = useMemo(() => toCalendarEvents(agenda.data, mayBook, t, directory.data?.length ? new Map(directory.data.map((s) => [s.id, fullName(s)])) : new Map(), filter.staffIds.length > 1), [agenda.data, mayBook, t, directory.data, filter.staffIds.length]);

  const personName = person.data ? listName(person.data) : t('scheduling.agenda.thisPerson');
  const title = whose === 'person' ? t('scheduling.agenda.personTitle', { name: personName }) : t('scheduling.agenda.title');

  const openNew = (startIso: string | null, endIso: string | null) => {
    const now = new Date();
    now.setMinutes(0, 0, 0);
    now.setHours(now.getHours() + 1);
    const start = isoToZoned(startIso ?? now.toISOString(), timeZone);
    const end = endIso ? isoToZoned(endIso, timeZone) : null;
    setCreating({
      date: start.date,
      startTime: start.time,
      endTime: end && end.date === start.date ? end.time : null,
      // One colleague's agenda books with them; a team's (or anything else) starts with me.
      staffIds: filter.staffIds.length === 1 ? filter.staffIds : [session.staffMember.id],
      person: whose === 'person' && personId ? { id: personId, label: personName } : null,
      resourceId: filter.resourceIds[0] ?? null,
    });
  };

  const askScope = () => new Promise<SeriesScope | null>((resolve) => setScopeRequest({ resolve }));

  /** A drop or a resize: check the new time, ask the series scope, then save on the version shown. */
  const onMove = async (info: EventChangeInfo) => {
    const id = info.event.id;
    const startsAt = info.event.start?.toISOString();
    const endsAt = info.event.end?.toISOString();
    if (!startsAt || !endsAt) return info.revert();
    setMoveProblem(null);
    setMoving(true);
    try {
      const appointment = await client.fetchQuery({ queryKey: appointmentKey(id), queryFn: () => api.get<Appointment>(`/api/v1/appointments/${id}`), staleTime: 0 });
      const check = await checkAppointment({ ...inputFromAppointment(appointment), startsAt, endsAt, appointmentId: id });
      if (!check.ok) {
        info.revert();
        setMoveProblem({ violations: check.violations });
        return;
      }
      let scope: SeriesScope | undefined;
      if (appointment.seriesId) {
        const chosen = await askScope();
        if (!chosen) return info.revert();
        scope = chosen;
      }
      const version = Number((info.event.extendedProps as { version?: number }).version ?? appointment.version);
      const moved = await updateAppointment(id, version, { startsAt, endsAt, ...(scope ? { scope } : {}) });
      client.setQueryData(appointmentKey(id), moved);
      notify(t('scheduling.agenda.moved', { when: formatSlot(startsAt, endsAt, locale, timeZone) }));
    } catch (error) {
      info.revert();
      setMoveProblem({ violations: [], error });
      await client.invalidateQueries({ queryKey: appointmentKey(id) });
    } finally {
      setMoving(false);
      // Whatever happened, the agenda shows what the server holds now (a 412 means someone else changed it).
      await client.invalidateQueries({ queryKey: agendaKey });
    }
  };

  const whoseOptions = [
    { value: 'me', label: t('scheduling.agenda.whoseOptions.me') },
    { value: 'colleagues', label: t('scheduling.agenda.whoseOptions.colleagues') },
    { value: 'resource', label: t('scheduling.agenda.whoseOptions.resource') },
    ...(whose === 'person' ? [{ value: 'person', label: personName }] : []),
  ];
  const staffOptions = (directory.data ?? []).map((s) => ({ value: s.id, label: s.id === session.staffMember.id ? t('scheduling.agenda.meNamed', { name: fullName(s) }) : fullName(s) }));
  const resourceOptions = (resources.data ?? []).filter((r) => r.archivedAt === null).map((r) => ({ value: r.id, label: `${r.name} (${t(`scheduling.resourceKinds.${r.kind}`)})` }));

  return (
    <Stack gap="md">
      {whose === 'person' && personId && (
        <Anchor component={Link} to={`/people/${personId}`} size="sm" w="fit-content">
          <span aria-hidden="true">← </span>
          {t('scheduling.agenda.backToRecord', { name: personName })}
        </Anchor>
      )}
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <PageHeading documentTitle={title}>{title}</PageHeading>
          <Text c="dimmed">{mayBook ? t('scheduling.agenda.intro') : t('scheduling.agenda.introReadOnly')}</Text>
        </Stack>
        {mayBook && (
          <Button ref={newButton} onClick={() => openNew(null, null)}>
            {t('scheduling.agenda.new')}
          </Button>
        )}
      </Group>

      <Group align="flex-start" gap="lg" className="agenda-filters">
        <RadioFieldset legend={t('scheduling.agenda.whose')} name="whose" options={whoseOptions} value={whose} onChange={(value) => update({ whose: value as Whose, staffIds, resourceId })} cols={{ base: 2, sm: whoseOptions.length }} legendSize="sm" />
        {whose === 'colleagues' && (
          <MultiSelect
            label={t('scheduling.agenda.colleagues')}
            description={t('scheduling.agenda.colleaguesHelp')}
            data={staffOptions}
            value={staffIds}
            onChange={(ids) => update({ whose: 'colleagues', staffIds: ids })}
            searchable
            maxValues={20}
            hidePickedOptions
            nothingFoundMessage={t('scheduling.form.nobodyFound')}
            miw={280}
            className="agenda-colleagues"
          />
        )}
        {whose === 'resource' && (
          <NativeSelect label={t('scheduling.agenda.resource')} data={[{ value: '', label: t('scheduling.form.choose') }, ...resourceOptions]} value={resourceId} onChange={(event) => update({ whose: 'resource', resourceId: event.currentTarget.value })} miw={260} />
        )}
        <Checkbox label={t('scheduling.agenda.includeCancelled')} checked={includeCancelled} onChange={(event) => setIncludeCancelled(event.currentTarget.checked)} mt="lg" />
      </Group>

      <KindLegend />
      {whose === 'person' && person.isError && (
        <Alert color="orange" variant="light" role="note">
          {t('scheduling.agenda.personHidden')}
        </Alert>
      )}
      {nothingChosen && (
        <Alert color="relais" variant="light" role="note">
          {whose === 'resource' ? t('scheduling.agenda.chooseResource') : t('scheduling.agenda.chooseColleagues')}
        </Alert>
      )}
      {agenda.isError && <ProblemAlert error={agenda.error} />}
      <div aria-live="polite">
        {moveProblem && <Refusal title={t('scheduling.agenda.moveRefused')} violations={moveProblem.violations} error={moveProblem.error} />}
        {moveProblem?.error !== undefined && isStale(moveProblem.error) && (
          <Text size="sm" mt="xs">
            {t('scheduling.agenda.reloaded')}
          </Text>
        )}
      </div>
      <div className="agenda-status" role="status" aria-live="polite">
        {(agenda.isFetching || moving) && (
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{moving ? t('scheduling.agenda.moving') : t('scheduling.agenda.loading')}</Text>
          </Group>
        )}
      </div>
      {mayBook && (
        <Text size="sm" c="dimmed">
          {t('scheduling.agenda.keyboardHint')}
        </Text>
      )}
      <div className="agenda-calendar" data-testid="agenda-calendar">
        <FullCalendar
          plugins={plugins}
          locale={locale === 'fr' ? frLocale : enGbLocale}
          timeZone={timeZone}
          firstDay={1}
          initialView="timeGridWeek"
          {...(date ? { initialDate: date } : {})}
          headerToolbar={headerToolbar}
          headingLevel={2}
          height="auto"
          allDaySlot={false}
          timedText={t('scheduling.agenda.timed')}
          slotMinTime="07:00:00"
          slotMaxTime="21:00:00"
          slotDuration="00:30:00"
          slotMinHeight={34}
          views={views}
          snapDuration="00:15:00"
          eventTimeFormat={timeFormat}
          slotHeaderFormat={timeFormat}
          nowIndicator
          dayMaxEvents={3}
          selectable={mayBook}
          selectMirror
          editable={mayBook}
          eventResizableFromStart={false}
          events={events}
          datesSet={(info) => {
            const from = info.start.toISOString();
            const to = info.end.toISOString();
            // FullCalendar reports its dates after each render: only a real change of dates updates the state.
            setRange((current) => (current?.from === from && current.to === to ? current : { from, to }));
          }}
          select={(info: DateSelectInfo) => {
            // A day picked in the month view: the morning of that day, at the usual duration.
            if (info.allDay) openNew(zonedToIso(info.startStr.slice(0, 10), '09:00', timeZone), null);
            else openNew(info.start.toISOString(), info.end.toISOString());
            info.view.calendar.unselect();
          }}
          eventClick={(info: EventClickInfo) => {
            info.jsEvent.preventDefault();
            if (info.event.url) void navigate(`/rendez-vous/${info.event.id}`);
          }}
          eventDrop={(info) => void onMove(info)}
          eventResize={(info) => void onMove(info)}
          eventContent={(info: EventDisplayInfo) => <EventBody info={info} />}
        />
      </div>

      {creating && (
        <AppointmentDialog
          start={creating}
          onClose={() => {
            setCreating(null);
            window.setTimeout(() => newButton.current?.focus(), 60);
          }}
          onCreated={() => setCreating(null)}
        />
      )}
      {scopeRequest && (
        <ScopeDialog
          onChoose={(scope) => {
            scopeRequest.resolve(scope);
            setScopeRequest(null);
          }}
        />
      )}
    </Stack>
  );
}

interface EventProps {
  kindLabel: string;
  statusLabel: string | null;
  cancelled: boolean;
  busy: boolean;
  version: number;
}

/** The agenda's answer as calendar events: colour and words by kind, busy blocks, absences behind. */
function toCalendarEvents(agenda: Agenda | undefined, mayBook: boolean, t: (key: string, options?: Record<string, unknown>) => string, staffNames: Map<string, string>, severalStaff: boolean): EventInput[] {
  if (!agenda) return [];
  const appointments = agenda.events.map((event: AgendaEvent): EventInput => {
    const cancelled = event.status === 'cancelled';
    const open = event.status === 'planned' || event.status === 'confirmed';
    const props: EventProps = {
      kindLabel: event.visible ? t(`scheduling.kinds.${event.kind}`) : '',
      statusLabel: event.visible && event.status !== 'planned' ? t(`scheduling.statusesShort.${event.status}`) : null,
      cancelled,
      busy: !event.visible,
      version: event.version,
    };
    const who = severalStaff ? event.staffIds.map((id) => staffNames.get(id)).filter(Boolean).join(', ') : '';
    return {
      id: event.id,
      title: event.visible ? [event.title, who].filter(Boolean).join(' · ') : t('scheduling.agenda.busy'),
      start: event.startsAt,
      end: event.endsAt,
      // A link (focusable, opens with Enter) for what the viewer may see; a plain block otherwise.
      ...(event.visible ? { url: `/rendez-vous/${event.id}` } : { interactive: false }),
      color: event.visible ? kindColours[event.kind] : busyColour,
      contrastColor: '#ffffff',
      editable: mayBook && event.visible && open,
      className: ['agenda-event', cancelled ? 'agenda-event-cancelled' : '', event.visible ? '' : 'agenda-event-busy'].filter(Boolean).join(' '),
      extendedProps: props,
    };
  });
  const absences = agenda.absences.map(
    (absence, index): EventInput => ({
      id: `absence-${index}`,
      title: severalStaff ? t('scheduling.agenda.absenceOf', { kind: t(`scheduling.absenceKinds.${absence.kind}`), name: staffNames.get(absence.staffId) ?? '' }) : t('scheduling.agenda.absence', { kind: t(`scheduling.absenceKinds.${absence.kind}`) }),
      start: absence.startsAt,
      end: absence.endsAt,
      display: 'background',
      color: absenceColour,
    }),
  );
  return [...appointments, ...absences];
}

function EventBody({ info }: { info: EventDisplayInfo }) {
  const props = info.event.extendedProps as Partial<EventProps>;
  if (info.event.display === 'background') return <span className="agenda-absence">{info.event.title}</span>;
  return (
    <span className="agenda-event-body">
      <span className="agenda-event-time">
        {info.timeText}
        {props.statusLabel && <span className="agenda-event-status"> · {props.statusLabel}</span>}
      </span>
      <span className={props.cancelled ? 'agenda-event-title agenda-struck' : 'agenda-event-title'}>{info.event.title}</span>
      {props.kindLabel && props.kindLabel.toLocaleLowerCase() !== info.event.title.toLocaleLowerCase() && <span className="agenda-event-kind">{props.kindLabel}</span>}
    </span>
  );
}

/** The colours of the kinds, each with its name (the events carry the name as text too). */
function KindLegend() {
  const { t } = useTranslation();
  return (
    <ul className="plain-list agenda-legend" aria-label={t('scheduling.agenda.legend')}>
      {Object.entries(kindColours).map(([kind, colour]) => (
        <li key={kind}>
          <span className="agenda-swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
          {t(`scheduling.kinds.${kind}`)}
        </li>
      ))}
      <li>
        <span className="agenda-swatch" style={{ backgroundColor: busyColour }} aria-hidden="true" />
        {t('scheduling.agenda.busyLegend')}
      </li>
      <li>
        <span className="agenda-swatch" style={{ backgroundColor: absenceColour }} aria-hidden="true" />
        {t('scheduling.agenda.absenceLegend')}
      </li>
    </ul>
  );
}

/** A series occurrence moved: this one only, or this one and the following. */
export function ScopeDialog({ onChoose }: { onChoose: (scope: SeriesScope | null) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={() => onChoose(null)} title={t('scheduling.scope.title')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text>{t('scheduling.scope.text')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onChoose(null)}>
            {t('common.cancel')}
          </Button>
          <Button variant="default" onClick={() => onChoose('following')}>
            {t('scheduling.scope.following')}
          </Button>
          <Button onClick={() => onChoose('this')} data-autofocus>
            {t('scheduling.scope.this')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
