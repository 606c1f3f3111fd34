import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { decisionLetterUrl, type AdmissionDecision } from '../../api/admissions';
import type { Referral } from '../../api/referrals';
import { can, useActiveSession } from '../../api/session';
import { Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { snapshotText } from './referral-words';

/**
 * Every decision taken on the referral, oldest first, as recorded: never edited. A correction is a
 * later decision; the one nothing replaced is in force. Refusals and orientations have their letter.
 */
export function DecisionHistory({ referral, decisions, onCorrect }: { referral: Referral; decisions: UseQueryResult<AdmissionDecision[]>; onCorrect: (() => void) | null }) {
  const { t } = useTranslation();
  return (
    <Section
      id="referral-decisions"
      title={t('referrals.decisions.title')}
      description={t('referrals.decisions.help')}
      action={
        onCorrect && (
          <Button variant="default" onClick={onCorrect}>
            {t('referrals.decisions.correct')}
          </Button>
        )
      }
    >
      {decisions.isPending ? (
        <Loading />
      ) : decisions.isError ? (
        <ProblemAlert error={decisions.error} />
      ) : decisions.data.length === 0 ? (
        <Text c="dimmed">{referral.status === 'withdrawn' ? t('referrals.decisions.noneWithdrawn') : t('referrals.decisions.none')}</Text>
      ) : (
        <ol className="plain-list" aria-label={t('referrals.decisions.listLabel')}>
          {decisions.data.map((decision) => (
            <DecisionEntry key={decision.id} decision={decision} all={decisions.data} />
          ))}
        </ol>
      )}
    </Section>
  );
}

function DecisionEntry({ decision, all }: { decision: AdmissionDecision; all: AdmissionDecision[] }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const titleId = `decision-${decision.id}`;
  const supersededBy = all.find((d) => d.supersedesId === decision.id);
  const supersedes = all.find((d) => d.id === decision.supersedesId);
  const letter = decision.outcome === 'refuse' || decision.outcome === 'orient';
  const met = decision.criteriaAnswers.filter((a) => a.met).length;
  return (
    <li>
      <Card withBorder radius="md" padding="md" component="article" aria-labelledby={titleId} data-testid="decision" className={decision.inForce ? undefined : 'decision-superseded'}>
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Title order={3} size="h4" id={titleId}>
              {t(`referrals.decisions.outcomes.${decision.outcome}`, { service: decision.serviceName })}
            </Title>
            <Group gap={6}>
              {decision.safetyConcern && (
                <Badge color="red" variant="light" size="lg" tt="none">
                  {t('referrals.decisions.safetyConcern')}
                </Badge>
              )}
              {decision.inForce ? (
                <Badge color="green" variant="light" size="lg" tt="none">
                  {t('referrals.decisions.inForce')}
                </Badge>
              ) : (
                <Badge color="gray" variant="light" size="lg" tt="none">
                  {t('referrals.decisions.superseded')}
                </Badge>
              )}
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            {t('referrals.decisions.byline', { reference: decision.reference, date: formatDateTime(decision.decidedAt, locale), name: decision.decidedByName })}
          </Text>
          {supersedes && <Text size="sm">{t('referrals.decisions.corrects', { reference: supersedes.reference })}</Text>}
          {supersededBy && <Text size="sm">{t('referrals.decisions.correctedBy', { reference: supersededBy.reference, date: formatDateTime(supersededBy.decidedAt, locale) })}</Text>}
          {decision.outcome === 'orient' && decision.orientationTo && (
            <Text>
              <Text span inherit c="dimmed">
                {t('referrals.decisions.orientedTo')}
                {t('common.colon')}
              </Text>
              {t(`referrals.review.orientationTargets.${decision.orientationTo}`)}
              {decision.orientationDetail ? ` — ${decision.orientationDetail}` : ''}
            </Text>
          )}
          {decision.outcome === 'waitlist' && decision.waitlistPriority !== null && (
            <Text>
              <Text span inherit c="dimmed">
                {t('referrals.review.priority')}
                {t('common.colon')}
              </Text>
              {t(`referrals.review.priorities.p${decision.waitlistPriority as 1 | 2 | 3}`)}
            </Text>
          )}
          {decision.reasons && (
            <div>
              <Text size="sm" c="dimmed">
                {t('referrals.decisions.reasons')}
              </Text>
              <Text className="keep-lines">{decision.reasons}</Text>
            </div>
          )}
          <Text size="sm">
            <Text span inherit c="dimmed">
              {t('referrals.decisions.capacity')}
              {t('common.colon')}
            </Text>
            {snapshotText(decision.capacity, t)}
          </Text>
          {decision.capacityOverrideReason && (
            <Alert color="orange" variant="light" role="note" title={t('referrals.decisions.overrideTitle')}>
              <Text inherit className="keep-lines">
                {decision.capacityOverrideReason}
              </Text>
            </Alert>
          )}
          {decision.criteriaAnswers.length > 0 && (
            <details className="decision-criteria">
              <summary>{t('referrals.decisions.criteriaSummary', { met, total: decision.criteriaAnswers.length })}</summary>
              <List size="sm" spacing={6} mt="xs">
                {decision.criteriaAnswers.map((a) => (
                  <List.Item key={a.criterionId}>
                    <Text span inherit fw={600} c={a.met ? undefined : 'red.9'}>
                      {a.met ? t('referrals.review.met') : t('referrals.review.notMet')}
                    </Text>
                    {' — '}
                    {a.label}
                    {a.kind === 'safety' ? ` (${t('referrals.decisions.safetyKind')})` : ''}
                    {a.note && (
                      <Text size="sm" c="dimmed" className="keep-lines">
                        {a.note}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </details>
          )}
          {letter && decision.letterRecipient && <Text size="sm">{decision.letterRecipient === 'person' ? t('referrals.decisions.letterToPerson') : t('referrals.decisions.letterToReferrer')}</Text>}
          {letter && can(session, 'admission:decide') && (
            <Anchor href={decisionLetterUrl(decision.id, locale)} download fw={600} w="fit-content" data-testid="decision-letter">
              {t('referrals.decisions.downloadLetter')}
              <Text span inherit c="dimmed" fw={400}>
                {' '}
                {t('referrals.decisions.letterFormat', { reference: decision.reference })}
              </Text>
            </Anchor>
          )}
        </Stack>
      </Card>
    </li>
  );
}
