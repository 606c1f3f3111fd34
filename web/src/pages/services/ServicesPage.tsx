import { Anchor, Badge, Button, Card, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useServices } from '../../api/services';
import { can, useActiveSession } from '../../api/session';
import type { Service } from '../../api/types';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ServiceArchiveDialog } from './ServiceArchiveDialog';
import { capacityText, modalitiesText } from './service-words';

/**
 * The services the structure offers ("dispositifs"), with their rules at a glance. Every staff
 * member reads them; the coordination creates, changes and archives them. Whether archived ones are
 * shown lives in the address, so coming back from a service finds the list as it was.
 */
export function ServicesPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const manage = can(session, 'services:manage');
  const [params, setParams] = useSearchParams();
  const showArchived = params.get('archived') === '1';
  const services = useServices(showArchived);
  const [archiving, setArchiving] = useState<Service | null>(null);
  const archivedSwitch = useRef<HTMLInputElement>(null);
  const setShowArchived = (value: boolean) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set('archived', '1');
        else next.delete('archived');
        return next;
      },
      { replace: true },
    );
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <PageHeading documentTitle={t('services.title')}>{t('services.title')}</PageHeading>
          <Text c="dimmed">{manage ? t('services.intro') : t('services.introReadOnly')}</Text>
        </Stack>
        {manage && (
          <Button component={Link} to="/services/new">
            {t('services.create')}
          </Button>
        )}
      </Group>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Switch ref={archivedSwitch} label={t('services.showArchived')} checked={showArchived} onChange={(event) => setShowArchived(event.currentTarget.checked)} size="md" />
          {services.isPending ? (
            <Loading />
          ) : services.isError ? (
            <ProblemAlert error={services.error} />
          ) : services.data.length === 0 ? (
            <Text>{manage ? t('services.emptyManage') : t('services.empty')}</Text>
          ) : (
            <ServicesTable services={services.data} manage={manage} onArchive={setArchiving} />
          )}
        </Stack>
      </Card>
      {archiving && (
        <ServiceArchiveDialog
          service={archiving}
          onClose={() => {
            setArchiving(null);
            // An archived row leaves the list, and with it the button that had the focus.
            window.setTimeout(() => {
              if (!document.activeElement || document.activeElement === document.body) archivedSwitch.current?.focus();
            }, 60);
          }}
        />
      )}
    </Stack>
  );
}

function ServicesTable({ services, manage, onArchive }: { services: Service[]; manage: boolean; onArchive: (service: Service) => void }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label={t('services.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('services.service')}</Table.Th>
            <Table.Th scope="col">{t('services.sessions')}</Table.Th>
            <Table.Th scope="col">{t('services.capacity')}</Table.Th>
            {manage && (
              <Table.Th scope="col" className="table-cell-actions">
                {t('common.actions')}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {services.map((service) => (
            <Table.Tr key={service.id} data-testid="service-row">
              <Table.Td>
                <Group gap="xs" wrap="nowrap" align="baseline">
                  <Anchor component={Link} to={`/services/${service.id}`} fw={600}>
                    {service.name}
                  </Anchor>
                  {service.archivedAt && (
                    <Badge variant="light" color="gray" size="md" tt="none">
                      {t('services.archivedBadge')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {t(`service.kinds.${service.kind}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t('service.durations', { default: service.defaultDurationMinutes, max: service.maxDurationMinutes })}</Text>
                <Text size="sm" c="dimmed">
                  {modalitiesText(service, t)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{capacityText(service, t)}</Text>
                {service.exclusive && (
                  <Text size="sm" fw={600} c="relais.8">
                    {t('service.exclusiveBadge')}
                  </Text>
                )}
              </Table.Td>
              {manage && (
                <Table.Td className="table-cell-actions">
                  <Stack gap="xs" align="flex-end">
                    <Button component={Link} to={`/services/${service.id}/edit`} size="sm" variant="default" aria-label={t('services.editFor', { name: service.name })}>
                      {t('common.edit')}
                    </Button>
                    <Button size="sm" variant="default" onClick={() => onArchive(service)} aria-label={service.archivedAt ? t('services.restoreFor', { name: service.name }) : t('services.archiveFor', { name: service.name })}>
                      {service.archivedAt ? t('services.restore') : t('services.archive')}
                    </Button>
                  </Stack>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
