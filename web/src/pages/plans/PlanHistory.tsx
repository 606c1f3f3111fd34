import { Anchor, Button, Card, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planVersionDocumentUrl, usePlanChanges, usePlanVersion, type EpisodePlan, type GoalChange, type PlanVersionSummary } from '../../api/plans';
import { Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, formatList } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { AgreementList, PlanContentView, PlanStatusBadge, quote, type ActorDirectory } from './plan-view';

/**
 * Every version of the plan, newest first, as recorded (never overwritten): who saved it and when,
 * why, the agreements on it; what changed since the one before, in words; any version opened read-only.
 */
export function PlanHistory({ plan, directory }: { plan: EpisodePlan; directory: ActorDirectory }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<PlanVersionSummary | null>(null);
  return (
    <Section id="plan-history" title={t('plans.plan.history.title')} description={t('plans.plan.history.help')}>
      <ol className="plain-list" aria-label={t('plans.plan.history.listLabel')}>
        {plan.versions.map((version, index) => (
          <VersionEntry key={version.id} version={version} previous={plan.versions[index + 1] ?? null} onOpen={() => setViewing(version)} />
        ))}
      </ol>
      {viewing && <VersionDialog version={viewing} directory={directory} onClose={() => setViewing(null)} />}
    </Section>
  );
}

function VersionEntry({ version, previous, onOpen }: { version: PlanVersionSummary; previous: PlanVersionSummary | null; onOpen: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [comparing, setComparing] = useState(false);
  const headingId = `plan-version-${version.id}`;
  const changesId = `plan-changes-${version.id}`;
  return (
    <li>
      <Card withBorder radius="md" padding="md" component="article" aria-labelledby={headingId} data-testid="plan-version" className={version.status === 'superseded' ? 'plan-version-superseded' : undefined}>
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Title order={3} size="h4" id={headingId}>
              {t('plans.plan.history.version', { number: version.number })}
            </Title>
            <PlanStatusBadge version={version} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('plans.plan.byline', { name: version.createdByName, date: formatDateTime(version.createdAt, locale) })}
          </Text>
          <Text size="sm">
            <Text span inherit c="dimmed">
              {t('plans.plan.changeNote')}
              {t('common.colon')}
            </Text>
            {version.changeNote ?? t('plans.plan.history.noChangeNote')}
          </Text>
          {version.agreements.length > 0 ? (
            <AgreementList agreements={version.agreements} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('plans.plan.history.noAgreement')}
            </Text>
          )}
          <Group gap="sm" mt={4}>
            <Button variant="default" size="sm" onClick={onOpen} aria-label={t('plans.plan.history.openVersion', { number: version.number })}>
              {t('plans.plan.history.open')}
            </Button>
            {previous && (
              <Button
                variant="default"
                size="sm"
                onClick={() => setComparing((c) => !c)}
                aria-expanded={comparing}
                aria-controls={comparing ? changesId : undefined}
                aria-label={t('plans.plan.history.compareVersion', { number: version.number, previous: previous.number })}
              >
                {comparing ? t('plans.plan.history.hideChanges') : t('plans.plan.history.compare')}
              </Button>
            )}
            <Anchor href={planVersionDocumentUrl(version.id, locale)} download size="sm" fw={600}>
              {t('plans.plan.pdf', { number: version.number })}
            </Anchor>
          </Group>
          {comparing && previous && <ChangesView id={changesId} version={version} previous={previous} />}
        </Stack>
      </Card>
    </li>
  );
}

/** What changed from the previous version, in plain words. */
function ChangesView({ id, version, previous }: { id: string; version: PlanVersionSummary; previous: PlanVersionSummary }) {
  const { t } = useTranslation();
  const changes = usePlanChanges(version.id, previous.id);
  return (
    <Paper id={id} withBorder radius="md" p="sm" className="plan-changes" data-testid="plan-changes">
      <Stack gap="xs">
        <Text fw={650}>{t('plans.plan.history.changesTitle', { from: previous.number, to: version.number })}</Text>
        {changes.isPending ? (
          <Loading />
        ) : changes.isError ? (
          <ProblemAlert error={changes.error} />
        ) : !changes.data.summaryChanged && changes.data.goals.length === 0 ? (
          <Text size="sm">{t('plans.plan.history.noChanges')}</Text>
        ) : (
          <List size="sm" spacing={4}>
            {changes.data.summaryChanged && <List.Item>{t('plans.plan.history.summaryChanged')}</List.Item>}
            {changes.data.goals.map((change) => (
              <List.Item key={`${change.change}-${change.goalId}`}>
                <ChangeLine change={change} />
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

function ChangeLine({ change }: { change: GoalChange }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const goal = quote(change.personWording, t);
  switch (change.change) {
    case 'added':
      return <>{t('plans.plan.history.goalAdded', { goal })}</>;
    case 'removed':
      return <>{t('plans.plan.history.goalRemoved', { goal })}</>;
    case 'changed': {
      const parts: string[] = [];
      if (change.fields.length) parts.push(t('plans.plan.history.fieldsChanged', { fields: formatList(change.fields.map((f) => fieldName(f, t)), locale) }));
      if (change.actionsAdded) parts.push(t('plans.plan.history.actionsAdded', { count: change.actionsAdded }));
      if (change.actionsRemoved) parts.push(t('plans.plan.history.actionsRemoved', { count: change.actionsRemoved }));
      if (change.actionsChanged) parts.push(t('plans.plan.history.actionsChanged', { count: change.actionsChanged }));
      return <>{t('plans.plan.history.goalChanged', { goal, what: parts.join(t('plans.plan.history.separator')) })}</>;
    }
  }
}

const goalFields = ['personWording', 'professionalWording', 'domain', 'proposedBy', 'priority', 'targetOn', 'autonomyAim', 'scale', 'weight'] as const;

function fieldName(field: string, t: ReturnType<typeof useTranslation>['t']): string {
  return (goalFields as readonly string[]).includes(field) ? t(`plans.plan.history.fields.${field}`) : field;
}

/** One version, read-only, as it was recorded. */
function VersionDialog({ version, directory, onClose }: { version: PlanVersionSummary; directory: ActorDirectory; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const detail = usePlanVersion(version.id);
  return (
    <Modal opened onClose={onClose} title={t('plans.plan.history.dialogTitle', { number: version.number })} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {detail.isPending ? (
        <Loading />
      ) : detail.isError ? (
        <ProblemAlert error={detail.error} />
      ) : (
        <Stack gap="md" data-testid="plan-version-dialog">
          <Group gap="md">
            <PlanStatusBadge version={version} />
            <Anchor href={planVersionDocumentUrl(version.id, locale)} download fw={600}>
              {t('plans.plan.pdf', { number: version.number })}
            </Anchor>
          </Group>
          <Text size="sm" c="dimmed">
            {t('plans.plan.byline', { name: version.createdByName, date: formatDateTime(version.createdAt, locale) })}
          </Text>
          <AgreementList agreements={version.agreements} />
          <PlanContentView content={detail.data.content} directory={directory} idPrefix={`v${version.number}`} />
          <Button variant="default" onClick={onClose} w="fit-content">
            {t('common.close')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
