import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Escalation } from '../../api/escalations';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { SeverityBadge } from './escalation-parts';

/** Escalations as a table (the server's order: severity, then age); overdue ones said in words. */
export function EscalationList({ items, caption, showPerson = true }: { items: Escalation[]; caption: string; showPerson?: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (items.length === 0) return <Text c="dimmed">{t('escalations.mine.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" striped aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('escalations.mine.severity')}</Table.Th>
            {showPerson && <Table.Th scope="col">{t('escalations.mine.person')}</Table.Th>}
            <Table.Th scope="col">{t('escalations.mine.request')}</Table.Th>
            <Table.Th scope="col">{t('escalations.mine.raisedAt')}</Table.Th>
            <Table.Th scope="col">{t('escalations.mine.due')}</Table.Th>
            <Table.Th scope="col">{t('escalations.mine.assignee')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id} data-testid="escalation-row">
              <Table.Td>
                <SeverityBadge severity={e.severity} />
              </Table.Td>
              {showPerson && <Table.Td>{e.personLabel}</Table.Td>}
              <Table.Td>
                <Anchor component={Link} to={`/signalements/${e.id}`}>
                  {e.request ?? t('escalations.mine.hidden')}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDateTime(e.raisedAt, locale)}</Table.Td>
              <Table.Td>
                {e.status !== 'open' ? (
                  t(`escalations.statuses.${e.status}`)
                ) : e.overdue ? (
                  <Text span c="red.9" fw={700} size="sm">
                    {t('escalations.mine.overdue', { when: formatDateTime(e.acknowledgeBy, locale) })}
                  </Text>
                ) : (
                  t('escalations.mine.dueBy', { when: formatDateTime(e.acknowledgeBy, locale) })
                )}
              </Table.Td>
              <Table.Td>{e.assignee.name}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
