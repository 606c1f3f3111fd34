import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { capacityBoardKey, useCapacityBoard, type CapacityService } from '../../api/capacity';
import { can, useActiveSession } from '../../api/session';
import { offerPlace, useWaitlist, waitlistKey, type WaitlistEntry } from '../../api/waitlist';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { AdmitDialog } from './AdmitDialog';
import { ScrollTable } from './ScrollTable';
import { DeclineDialog, LeaveDialog } from './WaitlistDialogs';
import { usePriorityWord, useWaitedFor } from './admission-words';

type Dialog = { kind: 'accept' | 'decline' | 'leave'; entry: WaitlistEntry } | null;

/**
 * The waitlist of every service, in order. Those who decide admissions offer a freed place, then
 * record the person's answer: an acceptance admits them (capacity checked), a decline keeps their
 * rank if they wish. A banner says when a service has free places and people waiting.
 */
export function WaitlistPage() {
  const { t } = useTranslation();
  const waitlist = useWaitlist();
  // The free places come from the capacity board (same permission); the list shows without them.
  const board = useCapacityBoard(30);
  const [dialog, setDialog] = useState<Dialog>(null);
  const byService = new Map<string, WaitlistEntry[]>();
  for (const entry of waitlist.data ?? []) byService.set(entry.serviceId, [...(byService.get(entry.serviceId) ?? []), entry]);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageHeading documentTitle={t('admissions.waitlist.title')}>{t('admissions.waitlist.title')}</PageHeading>
        <Text c="dimmed">{t('admissions.waitlist.intro')}</Text>
      </Stack>
      {waitlist.isPending ? (
        <Loading />
      ) : waitlist.isError ? (
        <ProblemAlert error={waitlist.error} />
      ) : byService.size === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <Text>{t('admissions.waitlist.empty')}</Text>
        </Card>
      ) : (
        [...byService.values()].map((entries) => (
          <ServiceWaitlist key={entries[0]!.serviceId} entries={entries} capacity={board.data?.services.find((s) => s.id === entries[0]!.serviceId)} onAction={setDialog} />
        ))
      )}
      {dialog?.kind === 'accept' && <AdmitDialog entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'decline' && <DeclineDialog entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'leave' && <LeaveDialog entry={dialog.entry} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

function ServiceWaitlist({ entries, capacity, onAction }: { entries: WaitlistEntry[]; capacity: CapacityService | undefined; onAction: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const waitedFor = useWaitedFor();
  const priorityWord = usePriorityWord();
  const decide = can(session, 'admission:decide');
  const first = entries[0]!;
  const headingId = `waitlist-${first.serviceId}`;
  const waiting = entries.filter((e) => e.status === 'waiting').length;
  // Places already offered are spoken for: only the rest can be offered to someone else.
  const freeToOffer = capacity && capacity.free !== null ? capacity.free - capacity.offered : 0;
  const offer = useMutation({
    mutationFn: (entry: WaitlistEntry) => offerPlace(entry.id),
    onSuccess: async (_r, entry) => {
      notify(t('admissions.waitlist.offered', { name: entry.displayName }));
      await client.invalidateQueries({ queryKey: waitlistKey });
      await client.invalidateQueries({ queryKey: capacityBoardKey });
    },
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={2} size="h3" id={headingId}>
            {first.serviceName}
          </Title>
          <Text c="dimmed" size="sm">
            {t('admissions.waitlist.count', { count: entries.length })}
          </Text>
        </Group>
        {freeToOffer > 0 && waiting > 0 && (
          <Alert color="green" variant="light" role="note" data-testid="free-places">
            <Text inherit fw={600}>
              {t('admissions.waitlist.freePlaces', { count: freeToOffer })}
            </Text>
          </Alert>
        )}
        <ProblemAlert error={offer.error} />
        <ScrollTable minWidth={640} label={t('admissions.waitlist.tableLabel', { service: first.serviceName })}>
          <Table verticalSpacing="sm" aria-label={t('admissions.waitlist.tableLabel', { service: first.serviceName })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admissions.waitlist.position')}</Table.Th>
                <Table.Th scope="col">{t('admissions.waitlist.person')}</Table.Th>
                <Table.Th scope="col">{t('admissions.waitlist.priority')}</Table.Th>
                <Table.Th scope="col">{t('admissions.waitlist.entered')}</Table.Th>
                <Table.Th scope="col">{t('admissions.waitlist.status')}</Table.Th>
                {decide && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id} data-testid="waitlist-row">
                  <Table.Td fw={700}>{entry.position}</Table.Td>
                  <Table.Td fw={600}>
                    <Anchor component={Link} to={`/people/${entry.personId}`} inherit>
                      {entry.displayName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text inherit fw={entry.priority === 1 ? 700 : 500} c={entry.priority === 1 ? 'var(--mantine-color-orange-light-color)' : undefined}>
                      {priorityWord(entry.priority)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {formatDate(entry.enteredAt, locale)}
                    <Text size="sm" c="dimmed">
                      {waitedFor(entry.enteredAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{entry.status === 'offered' && entry.offeredAt ? <Text inherit fw={600}>{t('admissions.waitlist.statusOffered', { date: formatDateTime(entry.offeredAt, locale) })}</Text> : t('admissions.waitlist.statusWaiting')}</Table.Td>
                  {decide && (
                    <Table.Td>
                      <Group gap="xs" wrap="wrap">
                        {entry.status === 'offered' ? (
                          <>
                            <Button size="sm" onClick={() => onAction({ kind: 'accept', entry })} aria-label={t('admissions.waitlist.acceptsFor', { name: entry.displayName })}>
                              {t('admissions.waitlist.accepts')}
                            </Button>
                            <Button size="sm" variant="default" onClick={() => onAction({ kind: 'decline', entry })} aria-label={t('admissions.waitlist.declinesFor', { name: entry.displayName })}>
                              {t('admissions.waitlist.declines')}
                            </Button>
                          </>
                        ) : (
                          <Button
                            size="sm"
                            variant={entry.position === 1 && freeToOffer > 0 ? 'filled' : 'default'}
                            loading={offer.isPending && offer.variables.id === entry.id}
                            onClick={() => offer.mutate(entry)}
                            aria-label={t('admissions.waitlist.offerFor', { name: entry.displayName })}
                          >
                            {t('admissions.waitlist.offer')}
                          </Button>
                        )}
                        <Button size="sm" variant="subtle" color="red" onClick={() => onAction({ kind: 'leave', entry })} aria-label={t('admissions.waitlist.leaveFor', { name: entry.displayName })}>
                          {t('admissions.waitlist.leave')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </Card>
  );
}
