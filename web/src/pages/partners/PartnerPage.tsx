import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePartners } from '../../api/partners';
import { can, useActiveSession } from '../../api/session';
import type { Partner } from '../../api/types';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { PartnerArchiveDialog } from './PartnerArchiveDialog';
import { agreementColors, agreementPeriod, agreementStatus, onsiteDaysText } from './partner-words';

/**
 * One partner structure, read: its contacts, agreement and on-site days. The coordination changes
 * or archives it from here. (The API has no route for one partner: it is found in the list.)
 */
export function PartnerPage() {
  const { t } = useTranslation();
  const { partnerId = '' } = useParams();
  const partners = usePartners(true);
  const partner = partners.data?.find((p) => p.id === partnerId);
  const title = partner?.name ?? t('partner.title');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/partners" size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {t('partner.backToList')}
      </Anchor>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {partners.isPending ? (
        <Loading />
      ) : partners.isError ? (
        <ProblemAlert error={partners.error} />
      ) : !partner ? (
        <Alert color="orange" variant="light" role="alert">
          {t('partner.notFound')}
        </Alert>
      ) : (
        <PartnerDetails partner={partner} />
      )}
    </Stack>
  );
}

function PartnerDetails({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const manage = can(session, 'partners:manage');
  const [archiving, setArchiving] = useState(false);
  const status = agreementStatus(partner);
  return (
    <>
      <Group justify="space-between" align="center" gap="sm">
        <Group gap="xs">
          <Badge variant="light" color="relais" size="lg" tt="none">
            {t(`partner.kinds.${partner.kind}`)}
          </Badge>
          <Badge variant="light" color={agreementColors[status]} size="lg" tt="none">
            {t(`partner.agreementStatus.${status}`)}
          </Badge>
          {partner.archivedAt && (
            <Badge variant="light" color="gray" size="lg" tt="none">
              {t('partner.archivedOn', { date: formatDateTime(partner.archivedAt, locale) })}
            </Badge>
          )}
        </Group>
        {manage && (
          <Group gap="xs">
            <Button component={Link} to={`/partners/${partner.id}/edit`}>
              {t('partner.edit')}
            </Button>
            <Button variant="default" onClick={() => setArchiving(true)}>
              {partner.archivedAt ? t('partners.restore') : t('partners.archive')}
            </Button>
          </Group>
        )}
      </Group>
      <Section id="partner-agreement" title={t('partner.agreement')}>
        <FactGroup>
          <Fact label={t('partner.agreementPeriod')} empty={t('partner.noAgreement')}>
            {agreementPeriod(partner, t)}
          </Fact>
          <Fact label={t('partner.rate')} empty={t('partner.noRate')}>
            {partner.preferentialRateReference}
          </Fact>
          <Fact label={t('partner.onsiteDays')} empty={t('partner.noOnsiteDays')}>
            {onsiteDaysText(partner)}
          </Fact>
          <Fact label={t('partner.address')} empty={t('person.notGivenF')}>
            {partner.address}
          </Fact>
        </FactGroup>
      </Section>
      <Section id="partner-contacts" title={t('partner.contacts')}>
        {partner.contacts.length === 0 ? (
          <Text c="dimmed">{t('partner.noContacts')}</Text>
        ) : (
          <ul className="plain-list" aria-labelledby="partner-contacts">
            {partner.contacts.map((contact, index) => (
              <Paper component="li" key={`${index}-${contact.name}`} withBorder radius="md" p="md">
                <Group gap="xs" align="baseline">
                  <Text fw={650}>{contact.name}</Text>
                  {contact.role && <Text c="dimmed">{contact.role}</Text>}
                  {index === 0 && partner.contacts.length > 1 && (
                    <Badge variant="light" color="relais" size="md" tt="none">
                      {t('partner.mainContact')}
                    </Badge>
                  )}
                </Group>
                {contact.phone && (
                  <Text size="sm">
                    <Text span inherit c="dimmed">
                      {t('person.phone')}
                      {t('common.colon')}
                    </Text>
                    <Anchor href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`} inherit>
                      {contact.phone}
                    </Anchor>
                  </Text>
                )}
                {contact.email && (
                  <Text size="sm">
                    <Text span inherit c="dimmed">
                      {t('person.email')}
                      {t('common.colon')}
                    </Text>
                    <Anchor href={`mailto:${contact.email}`} inherit>
                      {contact.email}
                    </Anchor>
                  </Text>
                )}
              </Paper>
            ))}
          </ul>
        )}
      </Section>
      {partner.notes && (
        <Section id="partner-notes" title={t('partner.notes')}>
          <Text className="keep-lines">{partner.notes}</Text>
        </Section>
      )}
      {archiving && <PartnerArchiveDialog partner={partner} onClose={() => setArchiving(false)} />}
    </>
  );
}
