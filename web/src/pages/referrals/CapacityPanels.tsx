import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { capacityOf, type CapacityBoardService } from '../../api/admissions';
import { ApiError } from '../../api/client';
import type { DirectoryEntry, Service } from '../../api/types';
import { formatDate, fullName } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { serviceCapacityText, snapshotText } from './referral-words';

type CapacityCode = 'capacity_reached' | 'capacity_exclusive';

/** The refusals of an admission for want of a place (or of a free référent in a one-at-a-time service). */
export function isCapacityProblem(error: unknown, code?: CapacityCode): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  return code ? error.code === code : error.code === 'capacity_reached' || error.code === 'capacity_exclusive';
}

/**
 * The places of the chosen service as they stand, before deciding: people supported against the
 * limit, the waitlist, the next planned end; and, once a référent is chosen, their own caseload.
 */
export function CapacitySummary({ service, row, loading, referentId, directory }: { service: Service; row: CapacityBoardService | null; loading: boolean; referentId: string; directory: DirectoryEntry[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const referent = directory.find((d) => d.id === referentId);
  const referentLimit = service.exclusive ? 1 : service.caseloadLimitPerPractitioner;
  const referentActive = row?.referents.find((r) => r.staffMemberId === referentId)?.active ?? 0;
  const referentFull = referent !== undefined && referentLimit !== null && referentActive >= referentLimit;
  const serviceFull = row !== null && row.free !== null && row.free <= 0;
  return (
    <Paper withBorder radius="md" p="md" className={serviceFull || referentFull ? 'capacity-summary capacity-full' : 'capacity-summary'} data-testid="capacity-summary" aria-live="polite">
      <Stack gap={4}>
        <Text fw={600}>{t('referrals.review.capacityTitle', { service: service.name })}</Text>
        {row ? (
          <Text>{serviceCapacityText(row, t)}</Text>
        ) : (
          <Text c="dimmed">{loading ? t('common.loading') : t('referrals.review.capacityUnknown')}</Text>
        )}
        {service.exclusive && <Text size="sm">{t('referrals.review.exclusiveRule')}</Text>}
        {!service.exclusive && service.caseloadLimitPerPractitioner !== null && <Text size="sm">{t('referrals.review.referentLimitRule', { count: service.caseloadLimitPerPractitioner })}</Text>}
        {row?.nextPlannedEnd && <Text size="sm">{t('referrals.review.nextPlannedEnd', { date: formatDate(row.nextPlannedEnd, locale) })}</Text>}
        {referent && (
          <Text size="sm">
            {referentLimit === null
              ? t('referrals.review.referentLoadNoLimit', { name: fullName(referent), count: referentActive })
              : t('referrals.review.referentLoad', { name: fullName(referent), count: referentActive, limit: referentLimit })}
          </Text>
        )}
        {serviceFull && (
          <Text size="sm" fw={600} className="capacity-warning">
            {t('referrals.review.serviceFullWarning')}
          </Text>
        )}
        {!serviceFull && referentFull && (
          <Text size="sm" fw={600} className="capacity-warning">
            {service.exclusive ? t('referrals.review.referentBusyWarning') : t('referrals.review.referentFullWarning')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * A refused admission for want of a place, in plain words: the server's explanation, the figures it
 * found, and what can be done (another référent, the waitlist, or a supervisor's written override).
 */
export function CapacityProblem({ error, mayOverride, onWaitlist, onOtherReferent }: { error: ApiError; mayOverride: boolean; onWaitlist: (() => void) | null; onOtherReferent: () => void }) {
  const { t } = useTranslation();
  const capacity = capacityOf(error.problem.details);
  const exclusive = error.code === 'capacity_exclusive';
  return (
    <Alert color="red" variant="light" role="alert" title={error.problem.title} data-testid="capacity-problem">
      <Stack gap="sm">
        {capacity && (
          <Text inherit>
            {t('referrals.review.capacityFigures')}
            {t('common.colon')}
            {snapshotText(capacity, t)}
          </Text>
        )}
        <Text inherit>{exclusive ? t('referrals.review.exclusiveWhatNow') : mayOverride ? t('referrals.review.overrideWhatNow') : t('referrals.review.askSupervisor')}</Text>
        <Group gap="sm">
          {exclusive && (
            <Button variant="default" onClick={onOtherReferent}>
              {t('referrals.review.chooseOtherReferent')}
            </Button>
          )}
          {onWaitlist && (
            <Button variant="default" onClick={onWaitlist}>
              {t('referrals.review.waitlistInstead')}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
