import { Alert, Anchor, Badge, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EmergencyGuidance, EscalationSeverity } from '../../api/escalations';
import { currentLocale } from '../../i18n/setup';

// A filled badge needs a dark enough red for white text (4.5:1).
const severityColor: Record<EscalationSeverity, string> = { information: 'gray', concern: 'yellow', urgent: 'orange', emergency: 'red.8' };

/** The severity in words (colour only repeats it). */
export function SeverityBadge({ severity }: { severity: EscalationSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge color={severityColor[severity]} variant={severity === 'emergency' ? 'filled' : 'light'} tt="none" c={severity === 'emergency' ? 'white' : 'dark'}>
      {t(`escalations.severities.${severity}`)}
    </Badge>
  );
}

/** "2 h", "1 j 12 h", "15 min": a delay in minutes, in words. */
export function formatDelay(minutes: number, t: TFunction): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? t('escalations.settings.days', { count: days }) : '',
    hours ? t('escalations.settings.hours', { count: hours }) : '',
    rest ? t('escalations.settings.minutes', { count: rest }) : '',
  ].filter(Boolean);
  return parts.join(' ');
}

/** Emergency numbers as links that dial on a phone or tablet, then the structure's own procedure. */
export function EmergencyBanner({ guidance }: { guidance: EmergencyGuidance }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Alert color="red" variant="light" role="alert" title={t('escalations.emergency.title')} data-testid="emergency-banner">
      <Stack gap="sm">
        <ul className="plain-list" style={{ display: 'flex', flexWrap: 'wrap', gap: 'var(--mantine-spacing-md)' }}>
          {guidance.numbers.map((n) => (
            <li key={n.number}>
              <Anchor href={`tel:${n.number}`} fw={700} size="lg" aria-label={`${t('escalations.emergency.call', { number: n.number })} – ${n.label[locale]}`}>
                {n.number}
              </Anchor>{' '}
              <Text span size="sm">
                {n.label[locale]}
              </Text>
            </li>
          ))}
        </ul>
        <div>
          <Text fw={600} size="sm">
            {t('escalations.emergency.procedure')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {guidance.safetyProcedure ?? t('escalations.emergency.noProcedure')}
          </Text>
        </div>
      </Stack>
    </Alert>
  );
}
