import { Anchor, Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyDay, type MyDay as MyDayData } from '../../api/home';
import { can, useActiveSession } from '../../api/session';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime, formatTime } from '../../format';
import { currentLocale } from '../../i18n/setup';

const severityColor: Record<MyDayData['escalations'][number]['severity'], string> = { emergency: 'red', urgent: 'orange', concern: 'yellow', information: 'gray' };

function Section({ id, title, help, children }: { id: string; title: string; help?: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={`${id}-title`} data-testid={id}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={`${id}-title`}>
          {title}
        </Title>
        {help && (
          <Text size="sm" c="dimmed">
            {help}
          </Text>
        )}
        {children}
      </Stack>
    </Card>
  );
}

/**
 * The home page's "Ce qui m'attend": one request (GET /api/v1/home) for the day's appointments,
 * escalations to take in hand, transitions, offers awaiting an answer, people to get back in touch
 * with, and autonomy review points. Colour never carries meaning alone: each badge has its words.
 */
export function MyDay() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const mayRead = can(session, 'person:read');
  const day = useMyDay({ enabled: mayRead });
  if (!mayRead) return null;
  if (day.isPending) return <Loading />;
  if (day.isError) return <ProblemAlert error={day.error} />;
  const data = day.data;
  const list = (label: string, children: ReactNode) => (
    <ul className="plain-list" aria-label={label}>
      {children}
    </ul>
  );
  const person = (personId: string, label: string | null, to = `/people/${personId}`) => (label ? <Anchor component={Link} to={to} inherit>{label}</Anchor> : null);
  return (
    <Stack gap="md" component="section" aria-labelledby="my-day-title">
      <Stack gap={2}>
        <Title order={2} size="h3" id="my-day-title">
          {t('homeDay.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('homeDay.help')}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section id="my-day-appointments" title={t('homeDay.appointments')}>
          {data.appointments.length === 0 ? (
            <Text>{t('homeDay.noAppointments')}</Text>
          ) : (
            (['today', 'tomorrow'] as const).map((which) => {
              const items = data.appointments.filter((a) => a.day === which);
              if (items.length === 0) return null;
              return (
                <Stack gap={4} key={which}>
                  <Text fw={700}>{t(`homeDay.${which}`)}</Text>
                  {list(
                    t(`homeDay.${which}`),
                    items.map((a) => (
                      <Paper component="li" key={a.id} withBorder radius="md" p="sm">
                        <Group gap="xs" wrap="nowrap" align="baseline">
                          <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                            {formatTime(a.startsAt, locale)}–{formatTime(a.endsAt, locale)}
                          </Text>
                          <Stack gap={0}>
                            <Anchor component={Link} to={`/rendez-vous/${a.id}`} fw={600}>
                              {a.title || t('homeDay.busy')}
                            </Anchor>
                            <Text size="sm" c="dimmed">
                              {t(`homeDay.kinds.${a.kind}`, { defaultValue: a.kind })} · {t(`homeDay.modalities.${a.modality}`, { defaultValue: a.modality })}
                            </Text>
                          </Stack>
                        </Group>
                      </Paper>
                    )),
                  )}
                </Stack>
              );
            })
          )}
        </Section>
        <Section id="my-day-escalations" title={t('homeDay.escalations')}>
          {data.escalations.length === 0 ? (
            <Text>{t('homeDay.noEscalations')}</Text>
          ) : (
            list(
              t('homeDay.escalations'),
              data.escalations.map((e) => (
                <Paper component="li" key={e.id} withBorder radius="md" p="sm">
                  <Stack gap={4}>
                    <Group gap="xs">
                      <Badge color={severityColor[e.severity]} variant="light" tt="none">
                        {t(`homeDay.severities.${e.severity}`)}
                      </Badge>
                      {e.overdue && (
                        <Badge color="red" variant="filled" tt="none">
                          {t('homeDay.overdue')}
                        </Badge>
                      )}
                      <Text fw={600}>{person(e.personId, e.personLabel)}</Text>
                    </Group>
                    <Anchor component={Link} to={`/signalements/${e.id}`} size="sm">
                      {e.request ?? t('homeDay.openEscalation')}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t('homeDay.raisedAgo', { when: formatDateTime(e.raisedAt, locale) })} · {t('homeDay.toAcknowledgeBy', { when: formatDateTime(e.acknowledgeBy, locale) })}
                    </Text>
                  </Stack>
                </Paper>
              )),
            )
          )}
        </Section>
        <Section id="my-day-transitions" title={t('homeDay.transitions')}>
          {data.transitions.length === 0 ? (
            <Text>{t('homeDay.noTransitions')}</Text>
          ) : (
            list(
              t('homeDay.transitions'),
              data.transitions.map((tr) => (
                <Paper component="li" key={tr.id} withBorder radius="md" p="sm">
                  <Group gap="xs">
                    <Text fw={600}>{person(tr.personId, tr.personLabel, `/prises-en-charge/${tr.episodeId}?onglet=transitions`)}</Text>
                    {tr.overdue && (
                      <Badge color="orange" variant="light" tt="none">
                        {t('homeDay.transitionLate')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm">{t('homeDay.transitionLine', { date: formatDate(tr.plannedOn, locale), done: tr.itemsDone, total: tr.itemsTotal })}</Text>
                </Paper>
              )),
            )
          )}
        </Section>
        <Section id="my-day-no-contact" title={t('homeDay.noContact')} help={t('homeDay.noContactHelp')}>
          {data.noContact.length === 0 ? (
            <Text>{t('homeDay.nobody')}</Text>
          ) : (
            list(
              t('homeDay.noContact'),
              data.noContact.map((n) => (
                <Paper component="li" key={n.episodeId} withBorder radius="md" p="sm">
                  <Text fw={600}>{person(n.personId, n.personLabel)}</Text>
                  <Text size="sm">{n.daysWithoutContact < 0 ? t('homeDay.neverContacted', { max: n.maxDays }) : t('homeDay.noContactLine', { count: n.daysWithoutContact, max: n.maxDays })}</Text>
                </Paper>
              )),
            )
          )}
        </Section>
        {data.offersPending && (
          <Section id="my-day-offers" title={t('homeDay.offers')}>
            {data.offersPending.length === 0 ? (
              <Text>{t('homeDay.noOffers')}</Text>
            ) : (
              list(
                t('homeDay.offers'),
                data.offersPending.map((o) => (
                  <Paper component="li" key={o.entryId} withBorder radius="md" p="sm">
                    <Text fw={600}>{person(o.personId, o.personLabel, '/liste-attente')}</Text>
                    <Text size="sm">{t('homeDay.offerLine', { service: o.serviceName, date: formatDateTime(o.offeredAt, locale) })}</Text>
                  </Paper>
                )),
              )
            )}
          </Section>
        )}
        <Section id="my-day-flags" title={t('homeDay.flags')} help={t('homeDay.flagsHelp')}>
          {data.reviewFlags.length === 0 ? (
            <Text>{t('homeDay.noFlags')}</Text>
          ) : (
            list(
              t('homeDay.flags'),
              data.reviewFlags.map((f) => (
                <Paper component="li" key={f.id} withBorder radius="md" p="sm">
                  <Text fw={600}>{person(f.personId, f.personLabel, `/prises-en-charge/${f.episodeId}?onglet=trajectory`)}</Text>
                  <Text size="sm">{t(`homeDay.flagReasons.${f.reason}`, { defaultValue: f.reason })}</Text>
                </Paper>
              )),
            )
          )}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
