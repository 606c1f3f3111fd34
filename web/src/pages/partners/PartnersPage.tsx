import { Anchor, Badge, Button, Card, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePartners } from '../../api/partners';
import { can, useActiveSession } from '../../api/session';
import type { Partner } from '../../api/types';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PartnerArchiveDialog } from './PartnerArchiveDialog';
import { agreementColors, agreementPeriod, agreementStatus, onsiteDaysText } from './partner-words';

/**
 * The partner structures (CCAS, CAF, Missions Locales, associations…) that refer people or host
 * on-site days. Every staff member reads them; the coordination adds, changes and archives them.
 */
export function PartnersPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const manage = can(session, 'partners:manage');
  const [params, setParams] = useSearchParams();
  const showArchived = params.get('archived') === '1';
  const partners = usePartners(showArchived);
  const [archiving, setArchiving] = useState<Partner | null>(null);
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
          <PageHeading documentTitle={t('partners.title')}>{t('partners.title')}</PageHeading>
          <Text c="dimmed">{manage ? t('partners.intro') : t('partners.introReadOnly')}</Text>
        </Stack>
        {manage && (
          <Button component={Link} to="/partners/new">
            {t('partners.create')}
          </Button>
        )}
      </Group>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Switch ref={archivedSwitch} label={t('partners.showArchived')} checked={showArchived} onChange={(event) => setShowArchived(event.currentTarget.checked)} size="md" />
          {partners.isPending ? (
            <Loading />
          ) : partners.isError ? (
            <ProblemAlert error={partners.error} />
          ) : partners.data.length === 0 ? (
            <Text>{manage ? t('partners.emptyManage') : t('partners.empty')}</Text>
          ) : (
            <PartnersTable partners={partners.data} manage={manage} onArchive={setArchiving} />
          )}
        </Stack>
      </Card>
      {archiving && (
        <PartnerArchiveDialog
          partner={archiving}
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

function PartnersTable({ partners, manage, onArchive }: { partners: Partner[]; manage: boolean; onArchive: (partner: Partner) => void }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label={t('partners.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('partners.partner')}</Table.Th>
            <Table.Th scope="col">{t('partners.agreement')}</Table.Th>
            <Table.Th scope="col">{t('partners.onsite')}</Table.Th>
            {manage && (
              <Table.Th scope="col" className="table-cell-actions">
                {t('common.actions')}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {partners.map((partner) => {
            const status = agreementStatus(partner);
            const period = agreementPeriod(partner, t);
            const contact = partner.contacts[0];
            return (
              <Table.Tr key={partner.id} data-testid="partner-row">
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" align="baseline">
                    <Anchor component={Link} to={`/partners/${partner.id}`} fw={600}>
                      {partner.name}
                    </Anchor>
                    {partner.archivedAt && (
                      <Badge variant="light" color="gray" size="md" tt="none">
                        {t('partners.archivedBadge')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t(`partner.kinds.${partner.kind}`)}
                  </Text>
                  {contact && (
                    <Text size="sm" mt={4}>
                      {contact.name}
                      {contact.phone && (
                        <>
                          <br />
                          {contact.phone}
                        </>
                      )}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={agreementColors[status]} size="md" tt="none">
                    {t(`partner.agreementStatus.${status}`)}
                  </Badge>
                  {period && (
                    <Text size="sm" c="dimmed" mt={4}>
                      {period}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={partner.onsiteWeekdays.length ? undefined : 'dimmed'}>
                    {onsiteDaysText(partner) ?? t('partner.noOnsiteDays')}
                  </Text>
                </Table.Td>
                {manage && (
                  <Table.Td className="table-cell-actions">
                    <Stack gap="xs" align="flex-end">
                      <Button component={Link} to={`/partners/${partner.id}/edit`} size="sm" variant="default" aria-label={t('partners.editFor', { name: partner.name })}>
                        {t('common.edit')}
                      </Button>
                      <Button size="sm" variant="default" onClick={() => onArchive(partner)} aria-label={partner.archivedAt ? t('partners.restoreFor', { name: partner.name }) : t('partners.archiveFor', { name: partner.name })}>
                        {partner.archivedAt ? t('partners.restore') : t('partners.archive')}
                      </Button>
                    </Stack>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
