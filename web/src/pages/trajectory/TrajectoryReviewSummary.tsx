import { Anchor, Card, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTrajectory } from '../../api/trajectory';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';

const shownWeeks = 8;

/**
 * The autonomy figures where the plan is reviewed: the last weeks' planned against actual intensity
 * and the review points still open, so the evaluation is made with them in view.
 */
export function TrajectoryReviewSummary({ episodeId }: { episodeId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const trajectory = useTrajectory(episodeId);
  if (trajectory.isPending) return <Loading />;
  if (trajectory.isError) return <ProblemAlert error={trajectory.error} />;
  const weeks = trajectory.data.weeks.slice(-shownWeeks);
  const open = trajectory.data.flags.filter((f) => !f.acknowledgedAt);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="review-trajectory-title" data-testid="review-trajectory">
      <Stack gap="sm">
        <Title order={3} size="h4" id="review-trajectory-title">
          {t('continuity.review.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('continuity.review.help')}
        </Text>
        {weeks.length === 0 ? (
          <Text>{t('continuity.review.noWeeks')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table striped>
              <Table.Caption>{t('continuity.review.caption', { count: weeks.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('continuity.review.week')}</Table.Th>
                  <Table.Th scope="col">{t('continuity.review.planned')}</Table.Th>
                  <Table.Th scope="col">{t('continuity.review.done')}</Table.Th>
                  <Table.Th scope="col">{t('continuity.review.unplanned')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {weeks.map((w) => (
                  <Table.Tr key={w.weekStart}>
                    <Table.Th scope="row">{formatDate(w.weekStart, locale)}</Table.Th>
                    <Table.Td>{w.plannedSessions ?? '—'}</Table.Td>
                    <Table.Td>
                      {w.doneSessions}
                      {w.excess ? ` (${t('continuity.review.excess')})` : ''}
                    </Table.Td>
                    <Table.Td>{w.unplannedContacts}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {open.length > 0 && (
          <List size="sm" aria-label={t('continuity.review.openFlags')}>
            {open.map((f) => (
              <List.Item key={f.id}>{t(`continuity.trajectory.reasons.${f.reason}`)}</List.Item>
            ))}
          </List>
        )}
        <Anchor component={Link} to={`/prises-en-charge/${episodeId}?onglet=trajectory`} size="sm" fw={600}>
          {t('continuity.review.open')}
        </Anchor>
      </Stack>
    </Card>
  );
}
