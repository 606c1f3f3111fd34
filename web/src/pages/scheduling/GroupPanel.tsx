import { Button, Group, Progress, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaKey, appointmentKey, attendances, recordAttendance, registerForGroup, unregisterFromGroup, type Appointment, type Attendance } from '../../api/scheduling';
import { Section } from '../../components/Facts';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PersonPicker, type PickedPerson } from './PersonPicker';

/**
 * A group's places: who is registered, the waiting list in order (the first takes a freed place),
 * registering someone (beyond capacity they wait), and attendance as a list made for a tablet.
 */
export function GroupPanel({ appointment, mayBook }: { appointment: Appointment; mayBook: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const registered = appointment.registrations.filter((r) => r.status === 'registered');
  const waiting = appointment.registrations.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const capacity = appointment.capacity ?? 0;
  const open = appointment.status === 'planned' || appointment.status === 'confirmed';
  const started = new Date(appointment.startsAt).getTime() <= Date.now();
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: appointmentKey(appointment.id) }), client.invalidateQueries({ queryKey: agendaKey })]);

  const register = useMutation({
    mutationFn: (person: PickedPerson) => registerForGroup(appointment.id, person.id),
    onSuccess: async (result, person) => {
      await refresh();
      setPicked(null);
      notify(result.status === 'registered' ? t('scheduling.group.registered', { name: person.label }) : t('scheduling.group.waitlisted', { name: person.label, position: result.position ?? '' }));
    },
  });
  const unregister = useMutation({
    mutationFn: (personId: string) => unregisterFromGroup(appointment.id, personId),
    onSuccess: async () => {
      await refresh();
      notify(t('scheduling.group.unregistered'));
    },
  });

  return (
    <Section id="group-places" title={t('scheduling.group.title')} description={t('scheduling.group.help')}>
      <Stack gap={6}>
        <Text fw={600} data-testid="group-places">
          {t('scheduling.group.places', { count: registered.length, capacity })}
        </Text>
        <Progress value={capacity > 0 ? Math.min(100, (registered.length / capacity) * 100) : 0} aria-hidden size="lg" />
      </Stack>
      <ProblemAlert error={register.error ?? unregister.error} />
      <Title order={3} size="h5">
        {t('scheduling.group.registeredTitle')}
      </Title>
      {registered.length === 0 ? (
        <Text c="dimmed">{t('scheduling.group.nobody')}</Text>
      ) : (
        <Table data-testid="group-registered" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scheduling.form.person')}</Table.Th>
              {mayBook && open && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {registered.map((r) => (
              <Table.Tr key={r.personId}>
                <Table.Td>{r.personLabel}</Table.Td>
                {mayBook && open && (
                  <Table.Td>
                    <Button variant="default" size="sm" onClick={() => unregister.mutate(r.personId)} loading={unregister.isPending && unregister.variables === r.personId} aria-label={t('scheduling.group.unregisterFor', { name: r.personLabel })}>
                      {t('scheduling.group.unregister')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3} size="h5">
        {t('scheduling.group.waitingTitle')}
      </Title>
      {waiting.length === 0 ? (
        <Text c="dimmed">{t('scheduling.group.nobodyWaiting')}</Text>
      ) : (
        <Table data-testid="group-waiting" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scheduling.group.position')}</Table.Th>
              <Table.Th>{t('scheduling.form.person')}</Table.Th>
              {mayBook && open && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {waiting.map((r) => (
              <Table.Tr key={r.personId}>
                <Table.Td>{r.position}</Table.Td>
                <Table.Td>{r.personLabel}</Table.Td>
                {mayBook && open && (
                  <Table.Td>
                    <Button variant="default" size="sm" onClick={() => unregister.mutate(r.personId)} loading={unregister.isPending && unregister.variables === r.personId} aria-label={t('scheduling.group.removeWaitingFor', { name: r.personLabel })}>
                      {t('scheduling.group.removeWaiting')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mayBook && open && (
        <Stack gap="sm" className="form-group">
          <Title order={3} size="h5">
            {t('scheduling.group.registerTitle')}
          </Title>
          <PersonPicker label={t('scheduling.group.person')} value={picked} onChange={setPicked} description={registered.length >= capacity ? t('scheduling.group.fullHelp') : undefined} />
          {picked && (
            <Group>
              <Button onClick={() => register.mutate(picked)} loading={register.isPending}>
                {registered.length >= capacity ? t('scheduling.group.registerWaiting', { name: picked.label }) : t('scheduling.group.register', { name: picked.label })}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {mayBook && started && appointment.status !== 'cancelled' && registered.length > 0 && <AttendanceList appointment={appointment} />}
    </Section>
  );
}

/** Present, absent or excused for each registered person: big targets, one save. */
function AttendanceList({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const registered = appointment.registrations.filter((r) => r.status === 'registered');
  const [marks, setMarks] = useState<Record<string, Attendance | ''>>(() => Object.fromEntries(registered.map((r) => [r.personId, r.attendance ?? ''])));
  const save = useMutation({
    mutationFn: () =>
      recordAttendance(
        appointment.id,
        Object.entries(marks).flatMap(([personId, attendance]) => (attendance ? [{ personId, attendance }] : [])),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: appointmentKey(appointment.id) });
      notify(t('scheduling.attendance.saved'));
    },
  });
  const options = [...attendances.map((a) => ({ value: a, label: t(`scheduling.attendance.values.${a}`) }))];
  return (
    <Stack gap="xs" data-testid="attendance">
      <Title order={3} size="h5">
        {t('scheduling.attendance.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('scheduling.attendance.help')}
      </Text>
      {registered.map((r) => (
        <Group key={r.personId} justify="space-between" className="attendance-row" wrap="wrap" role="group" aria-labelledby={`attendance-${r.personId}`}>
          <Text fw={600} id={`attendance-${r.personId}`}>
            {r.personLabel}
          </Text>
          <SegmentedControl size="md" data={options} value={marks[r.personId] ?? ''} onChange={(value) => setMarks((current) => ({ ...current, [r.personId]: value as Attendance }))} />
          {!marks[r.personId] && <VisuallyHidden>{t('scheduling.attendance.notMarked')}</VisuallyHidden>}
        </Group>
      ))}
      <ProblemAlert error={save.error} />
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('scheduling.attendance.save')}
        </Button>
      </Group>
    </Stack>
  );
}
