import { Alert, Anchor, Badge, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useServices } from '../../api/services';
import { can, useActiveSession } from '../../api/session';
import type { Service } from '../../api/types';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ServiceArchiveDialog } from './ServiceArchiveDialog';
import { capacityText, modalitiesText } from './service-words';
import { ChecklistsSection } from '../transitions/ChecklistsSection';

/**
 * One service, read: its rules, criteria and pathway. The coordination changes or archives it from
 * here; everyone else reads it. (The API lists services but has no route for one: it is found in
 * the list, archived ones included.)
 */
export function ServicePage() {
  const { t } = useTranslation();
  const { serviceId = '' } = useParams();
  const services = useServices(true);
  const service = services.data?.find((s) => s.id === serviceId);
  const title = service?.name ?? t('service.title');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/services" size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {t('service.backToList')}
      </Anchor>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {services.isPending ? (
        <Loading />
      ) : services.isError ? (
        <ProblemAlert error={services.error} />
      ) : !service ? (
        <Alert color="orange" variant="light" role="alert">
          {t('service.notFound')}
        </Alert>
      ) : (
        <ServiceDetails service={service} />
      )}
    </Stack>
  );
}

function ServiceDetails({ service }: { service: Service }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const manage = can(session, 'services:manage');
  const [archiving, setArchiving] = useState(false);
  return (
    <>
      <Group justify="space-between" align="center" gap="sm">
        <Group gap="xs">
          <Badge variant="light" color="relais" size="lg" tt="none">
            {t(`service.kinds.${service.kind}`)}
          </Badge>
          {service.archivedAt && (
            <Badge variant="light" color="gray" size="lg" tt="none">
              {t('service.archivedOn', { date: formatDateTime(service.archivedAt, locale) })}
            </Badge>
          )}
        </Group>
        {manage && (
          <Group gap="xs">
            <Button component={Link} to={`/services/${service.id}/edit`}>
              {t('service.edit')}
            </Button>
            <Button variant="default" onClick={() => setArchiving(true)}>
              {service.archivedAt ? t('services.restore') : t('services.archive')}
            </Button>
          </Group>
        )}
      </Group>
      {service.archivedAt && (
        <Alert color="gray" variant="light" role="note">
          {t('service.archivedNotice')}
        </Alert>
      )}
      {service.description && <Text className="keep-lines">{service.description}</Text>}
      <Section id="service-rules" title={t('service.rules')}>
        <FactGroup>
          <Fact label={t('service.defaultDurationShort')}>{t('service.minutes', { count: service.defaultDurationMinutes })}</Fact>
          <Fact label={t('service.maxDurationShort')}>{t('service.minutes', { count: service.maxDurationMinutes })}</Fact>
          <Fact label={t('service.modalities')}>{modalitiesText(service, t)}</Fact>
          <Fact label={t('service.capacity')}>{capacityText(service, t)}</Fact>
          <Fact label={t('service.exclusiveShort')}>{service.exclusive ? t('service.exclusiveYes') : t('service.exclusiveNo')}</Fact>
        </FactGroup>
      </Section>
      <Section id="service-indication" title={t('service.indicationCriteria')} description={t('service.indicationCriteriaHelp')}>
        {service.indicationCriteria.length === 0 ? (
          <Text c="dimmed">{t('service.noIndication')}</Text>
        ) : (
          <List type="ordered" spacing="xs" aria-labelledby="service-indication">
            {service.indicationCriteria.map((c) => (
              <List.Item key={c.id}>{c.label}</List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section id="service-safety" title={t('service.safetyCriteria')} description={t('service.safetyCriteriaHelp')}>
        {service.safetyCriteria.length === 0 ? (
          <Text c="dimmed">{t('service.noSafety')}</Text>
        ) : (
          <List type="ordered" spacing="sm" aria-labelledby="service-safety">
            {service.safetyCriteria.map((c) => (
              <List.Item key={c.id}>
                <Text inherit>{c.label}</Text>
                <Text size="sm" c="dimmed">
                  {c.orientation ? t('service.orientationIs', { orientation: c.orientation }) : t('service.noOrientation')}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section id="service-phases" title={t('service.phases')} description={t('service.phasesHelp')}>
        {service.phases.length === 0 ? (
          <Text c="dimmed">{t('service.noPhasesRead')}</Text>
        ) : (
          <List type="ordered" spacing="xs" aria-labelledby="service-phases">
            {service.phases.map((p) => (
              <List.Item key={p.code}>
                {p.label}{' '}
                <Text span size="sm" c="dimmed">
                  ({p.code})
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <ChecklistsSection serviceId={service.id} hasPhases={service.phases.length > 0} />
      {archiving && <ServiceArchiveDialog service={service} onClose={() => setArchiving(false)} />}
    </>
  );
}
