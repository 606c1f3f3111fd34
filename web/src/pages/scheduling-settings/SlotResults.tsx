import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useIdempotencyKey } from '../../api/idempotency';
import { agendaKey, createAppointment, violationsOf, type AppointmentInput } from '../../api/scheduling';
import type { ProposedSlot, Resource, SlotSearchResult } from '../../api/scheduling-settings';
import { useActiveSession } from '../../api/session';
import type { DirectoryEntry, Modality } from '../../api/types';
import { formatList, fullName } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { Refusal } from '../scheduling/Violations';
import { isoToZoned } from '../scheduling/zoned-time';
import { formatDay, formatTime } from './scheduling-words';

/** What the search was for: booking a proposed slot sends it with the slot's times, staff and resource. */
export interface BookingContext {
  serviceId: string;
  personId: string;
  episodeId: string | null;
  modality: Modality;
  siteId: string | null;
  partnerId: string | null;
  homeAddress: string | null;
  sectorId: string | null;
  videoLink: string | null;
}

function bookingOf(context: BookingContext, slot: ProposedSlot): AppointmentInput {
  const input: AppointmentInput = { kind: 'individual', serviceId: context.serviceId, personId: context.personId, modality: context.modality, startsAt: slot.startsAt, endsAt: slot.endsAt, staffIds: slot.staffIds };
  if (context.episodeId) input.episodeId = context.episodeId;
  if (slot.resourceId) input.resourceIds = [slot.resourceId];
  if (context.siteId) input.siteId = context.siteId;
  if (context.partnerId) input.partnerId = context.partnerId;
  if (context.homeAddress) input.homeAddress = context.homeAddress;
  if (context.sectorId) input.sectorId = context.sectorId;
  if (context.videoLink) input.videoLink = context.videoLink;
  return input;
}

/**
 * The proposed slots grouped by day, each with a "Réserver ce créneau" button; or, when there are
 * none, the reasons in plain words ("the référent is on leave that week"). The heading takes the
 * focus when the answer arrives, so a screen reader reads it.
 */
export function SlotResults({ result, context, staff, resources }: { result: SlotSearchResult; context: BookingContext; staff: DirectoryEntry[]; resources: Resource[] }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const timeZone = session.organization.timeZone;
  const locale = currentLocale();
  const navigate = useNavigate();
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result]);
  const book = useMutation({
    mutationFn: (slot: ProposedSlot) => {
      const body = bookingOf(context, slot);
      return createAppointment(body, idempotency.keyFor(body));
    },
    onSuccess: async (created) => {
      idempotency.done();
      await client.invalidateQueries({ queryKey: agendaKey });
      await navigate(`/rendez-vous/${created.id}`);
    },
  });

  const staffName = (id: string) => {
    const entry = staff.find((s) => s.id === id);
    return entry ? fullName(entry) : t('schedulingSettings.finder.unknownStaff');
  };
  const days = new Map<string, ProposedSlot[]>();
  for (const slot of result.slots) {
    const day = isoToZoned(slot.startsAt, timeZone).date;
    days.set(day, [...(days.get(day) ?? []), slot]);
  }

  return (
    <Stack gap="md" component="section" aria-labelledby="slot-results-title" data-testid="slot-results">
      <Title order={2} size="h3" id="slot-results-title" ref={heading} tabIndex={-1} className="page-heading">
        {result.slots.length === 0 ? t('schedulingSettings.finder.noSlotsTitle') : t('schedulingSettings.finder.slotsTitle', { count: result.slots.length })}
      </Title>
      {result.reasons.length > 0 && (
        <Alert color={result.slots.length === 0 ? 'orange' : 'relais'} variant="light" title={result.slots.length === 0 ? t('schedulingSettings.finder.whyNone') : t('schedulingSettings.finder.whyFew')} data-testid="slot-reasons">
          <List size="sm" spacing={4}>
            {result.reasons.map((reason) => (
              <List.Item key={`${reason.code}-${reason.message}`}>{reason.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {result.slots.length === 0 && result.reasons.length === 0 && <Text>{t('schedulingSettings.finder.noSlotsText')}</Text>}
      {book.isError && <Refusal title={t('schedulingSettings.finder.bookingRefused')} violations={violationsOf(book.error)} error={book.error} />}
      {[...days.entries()].map(([day, slots]) => {
        const dayTitle = formatDay(slots[0]!.startsAt, locale, timeZone);
        return (
          <Stack key={day} gap="xs" data-testid="slot-day">
            <Title order={3} size="h4">
              {dayTitle}
            </Title>
            <ul className="slot-list">
              {slots.map((slot) => {
                const hours = t('schedulingSettings.finder.hours', { start: formatTime(slot.startsAt, locale, timeZone), end: formatTime(slot.endsAt, locale, timeZone) });
                const resource = slot.resourceId ? resources.find((r) => r.id === slot.resourceId) : undefined;
                const who = formatList(slot.staffIds.map(staffName), locale);
                const pending = book.isPending && book.variables === slot;
                return (
                  <Paper component="li" key={`${slot.startsAt}-${slot.staffIds.join()}-${slot.resourceId ?? ''}`} withBorder radius="md" p="sm" data-testid="slot">
                    <Group justify="space-between" align="center" gap="sm">
                      <Stack gap={0}>
                        <Text fw={650}>{hours}</Text>
                        <Text size="sm" c="dimmed">
                          {resource ? t('schedulingSettings.finder.withStaffIn', { staff: who, resource: resource.name }) : t('schedulingSettings.finder.withStaff', { staff: who })}
                        </Text>
                      </Stack>
                      <Button onClick={() => book.mutate(slot)} loading={pending} disabled={book.isPending && !pending} aria-label={t('schedulingSettings.finder.bookLabel', { day: dayTitle, hours })}>
                        {t('schedulingSettings.finder.book')}
                      </Button>
                    </Group>
                  </Paper>
                );
              })}
            </ul>
          </Stack>
        );
      })}
    </Stack>
  );
}
