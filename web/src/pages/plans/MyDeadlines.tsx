import { Anchor, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDeadlines } from '../../api/plan-assessments';
import { can, useActiveSession } from '../../api/session';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { DeadlineBadge } from './DeadlineBadge';
import './follow-up.css';

const shown = 8;
const horizonDays = 30;

/**
 * The home page's "Mes échéances": what is overdue or due within 30 days for the people the user is
 * référent or coordinator of, soonest first, each linked to its episode's deadlines.
 */
export function MyDeadlines() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const mayRead = can(session, 'person:read');
  const deadlines = useDeadlines('mine', horizonDays, { enabled: mayRead });
  if (!mayRead) return null;
  const items = deadlines.data?.items ?? [];
  const total = deadlines.data?.total ?? 0;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="my-deadlines-title" data-testid="my-deadlines">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={2} size="h3" id="my-deadlines-title">
            {t('plans.deadlines.mine.title')}
          </Title>
          {can(session, 'deadlines:oversee') && (
            <Anchor component={Link} to="/echeances" size="sm" fw={600}>
              {t('plans.deadlines.mine.structureLink')}
            </Anchor>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('plans.deadlines.mine.help', { days: horizonDays })}
        </Text>
        {deadlines.isPending ? (
          <Loading />
        ) : deadlines.isError ? (
          <ProblemAlert error={deadlines.error} />
        ) : items.length === 0 ? (
          <Text>{t('plans.deadlines.mine.empty', { days: horizonDays })}</Text>
        ) : (
          <>
            <ul className="plain-list" aria-label={t('plans.deadlines.mine.listLabel')}>
              {items.slice(0, shown).map((item) => (
                <Paper component="li" key={`${item.episodeId}-${item.kind}-${item.dueOn}`} withBorder radius="md" p="sm" data-testid="my-deadline">
                  <Group justify="space-between" align="center" gap="sm" wrap="nowrap">
                    <Stack gap={2} flex="1 1 auto">
                      <Text fw={600}>
                        <Anchor component={Link} to={`/prises-en-charge/${item.episodeId}?onglet=deadlines`} inherit>
                          {item.displayName}
                        </Anchor>
                        <Text span inherit fw={400} c="dimmed">
                          {' '}
                          · {item.serviceName}
                        </Text>
                      </Text>
                      <Text size="sm">{t('plans.deadlines.mine.line', { kind: t(`plans.deadlines.kinds.${item.kind}`), date: formatDate(item.dueOn, locale) })}</Text>
                    </Stack>
                    <div className="deadline-badge-cell">
                      <DeadlineBadge deadline={item} />
                    </div>
                  </Group>
                </Paper>
              ))}
            </ul>
            {total > shown && <Text size="sm">{t('plans.deadlines.mine.more', { count: total - Math.min(shown, items.length) })}</Text>}
          </>
        )}
      </Stack>
    </Card>
  );
}
