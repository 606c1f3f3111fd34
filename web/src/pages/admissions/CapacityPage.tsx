import { Badge, Card, Group, NativeSelect, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCapacityBoard, type CapacityReferrer, type CapacityService } from '../../api/capacity';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ScrollTable } from './ScrollTable';

const horizons = [30, 60, 90] as const;

/**
 * The capacity board: for each service its caseload against the limit, free places, waitlist and
 * planned ends within the chosen horizon; per référent; and who refers people, with outcomes.
 */
export function CapacityPage() {
  const { t } = useTranslation();
  const [horizon, setHorizon] = useState<number>(30);
  const board = useCapacityBoard(horizon);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageHeading documentTitle={t('admissions.capacity.title')}>{t('admissions.capacity.title')}</PageHeading>
        <Text c="dimmed">{t('admissions.capacity.intro')}</Text>
      </Stack>
      <NativeSelect
        label={t('admissions.capacity.horizon')}
        value={String(horizon)}
        onChange={(event) => setHorizon(Number(event.currentTarget.value))}
        data={horizons.map((h) => ({ value: String(h), label: t('admissions.capacity.horizonDays', { count: h }) }))}
        w={{ base: '100%', sm: 280 }}
      />
      {board.isPending ? (
        <Loading />
      ) : board.isError ? (
        <ProblemAlert error={board.error} />
      ) : (
        <>
          {board.data.services.length === 0 ? (
            <Card withBorder radius="md" padding="lg">
              <Text>{t('admissions.capacity.empty')}</Text>
            </Card>
          ) : (
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              {board.data.services.map((service) => (
                <ServiceCapacity key={service.id} service={service} horizonDays={board.data.horizonDays} />
              ))}
            </SimpleGrid>
          )}
          <Referrers referrers={board.data.referrers} />
        </>
      )}
    </Stack>
  );
}

function ServiceCapacity({ service, horizonDays }: { service: CapacityService; horizonDays: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const headingId = `capacity-${service.id}`;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={headingId} data-testid="capacity-service">
      <Stack gap="md">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={2} size="h3" id={headingId}>
            {service.name}
          </Title>
          {service.exclusive && (
            <Badge variant="light" color="relais" size="lg" tt="none">
              {t('admissions.capacity.exclusive')}
            </Badge>
          )}
        </Group>
        <Caseload service={service} />
        <FactGroup>
          <Fact label={t('admissions.capacity.free')}>{service.free === null ? t('admissions.capacity.freeUnlimited') : String(service.free)}</Fact>
          <Fact label={t('admissions.capacity.waiting')}>{String(service.waiting)}</Fact>
          <Fact label={t('admissions.capacity.offered')}>{String(service.offered)}</Fact>
          <Fact label={t('admissions.capacity.plannedEnds', { count: horizonDays })}>
            {String(service.plannedEnds)}
            {service.nextPlannedEnd && (
              <Text span inherit fw={400}>
                {' '}
                ({t('admissions.capacity.nextPlannedEnd', { date: formatDate(service.nextPlannedEnd, locale) })})
              </Text>
            )}
          </Fact>
          <Fact label={t('admissions.capacity.newReferrals')}>{String(service.newReferrals)}</Fact>
          <Fact label={t('admissions.capacity.overrides')}>{String(service.overridden)}</Fact>
        </FactGroup>
        <Referents service={service} />
      </Stack>
    </Card>
  );
}

/** The caseload against the limit: a bar for the eye, the same in words for everyone. */
function Caseload({ service }: { service: CapacityService }) {
  const { t } = useTranslation();
  const limit = service.serviceLimit;
  if (limit === null) {
    return (
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t('admissions.capacity.caseload')}
        </Text>
        <Text fw={600}>{t('admissions.capacity.caseloadNoLimit', { count: service.active })}</Text>
      </Stack>
    );
  }
  const over = service.active > limit;
  const full = service.active >= limit;
  const percent = limit === 0 ? 100 : Math.min(100, Math.round((service.active / limit) * 100));
  const words = t('admissions.capacity.caseloadOf', { count: service.active, limit });
  const state = over ? t('admissions.capacity.overLimit') : full ? t('admissions.capacity.full') : null;
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {t('admissions.capacity.caseload')}
        </Text>
        {state && (
          <Badge variant="light" color={over ? 'red' : 'orange'} tt="none">
            {state}
          </Badge>
        )}
      </Group>
      <Progress.Root size="xl" radius="md">
        <Progress.Section
          value={percent}
          color={over ? 'red.8' : full ? 'orange.8' : 'relais'}
          withAria={false}
          role="progressbar"
          aria-label={t('admissions.capacity.caseloadLabel', { service: service.name })}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={Math.min(service.active, limit)}
          aria-valuetext={`${t('admissions.capacity.caseloadValue', { count: service.active, limit })}${state ? ` (${state})` : ''}`}
        />
      </Progress.Root>
      <Text fw={600} data-testid="caseload-text">
        {words}
      </Text>
    </Stack>
  );
}

function Referents({ service }: { service: CapacityService }) {
  const { t } = useTranslation();
  const tableId = `capacity-referents-${service.id}`;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5" id={tableId}>
        {t('admissions.capacity.referents')}
      </Title>
      {service.referents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('admissions.capacity.noReferents')}
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label={t('admissions.capacity.referentsLabel', { service: service.name })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('admissions.capacity.referent')}</Table.Th>
              <Table.Th scope="col">{t('admissions.capacity.referentCaseload')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {service.referents.map((r) => (
              <Table.Tr key={r.staffMemberId}>
                <Table.Th scope="row" fw={600}>
                  {r.name}
                </Table.Th>
                <Table.Td>
                  {r.limit === null ? t('admissions.capacity.referentNoLimit', { count: r.active }) : t('admissions.capacity.referentValue', { count: r.active, limit: r.limit })}
                  {service.exclusive && (
                    <Text size="sm" c={r.active > 1 ? 'red.9' : 'dimmed'}>
                      {r.active > 1 ? t('admissions.capacity.referentExclusiveOver') : t('admissions.capacity.referentExclusiveBusy')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Referrers({ referrers }: { referrers: CapacityReferrer[] }) {
  const { t } = useTranslation();
  const name = (r: CapacityReferrer) => r.partnerName ?? t(`admissions.capacity.sources.${r.source}`);
  const columns = ['total', 'open', 'admitted', 'waitlisted', 'refused', 'oriented', 'withdrawn'] as const;
  return (
    <Section id="capacity-referrers" title={t('admissions.capacity.referrers')} description={t('admissions.capacity.referrersHelp')}>
      {referrers.length === 0 ? (
        <Text c="dimmed">{t('admissions.capacity.referrersEmpty')}</Text>
      ) : (
        <ScrollTable minWidth={600} label={t('admissions.capacity.referrers')}>
          {/* Fixed layout: eight columns share the width of a tablet instead of pushing the last one out of view. */}
          <Table layout="fixed" verticalSpacing="xs" horizontalSpacing="xs" striped aria-labelledby="capacity-referrers" data-testid="referrers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w="22%">
                  {t('admissions.capacity.referrer')}
                </Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c} scope="col" ta="right">
                    {t(`admissions.capacity.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {referrers.map((r) => (
                <Table.Tr key={`${r.source}-${r.partnerId ?? ''}`}>
                  <Table.Th scope="row" fw={600}>
                    {name(r)}
                  </Table.Th>
                  {columns.map((c) => (
                    <Table.Td key={c} ta="right" fw={c === 'total' ? 700 : 400}>
                      {r[c]}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Section>
  );
}
