import { Alert, Button, Group, List, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEmergencyNumbers } from '../../api/admissions';
import { currentLocale } from '../../i18n/setup';

// Said even if the server cannot be reached: these numbers never change.
const fallback = [
  { number: '15', label: { fr: 'SAMU (urgence médicale)', en: 'SAMU (medical emergency)' } },
  { number: '112', label: { fr: 'Numéro d’urgence européen', en: 'European emergency number' } },
  { number: '3114', label: { fr: 'Prévention du suicide, 24 h/24', en: 'Suicide prevention, 24/7' } },
];

/**
 * Shown as soon as a safety criterion is answered "not met": the only decision left is to orient
 * the person, and in immediate danger the numbers to call, as links a tablet or phone can dial.
 */
export function EmergencyNumbers({ orientations }: { orientations: { label: string; orientation: string | null }[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const numbers = useEmergencyNumbers().data ?? fallback;
  return (
    <Alert color="red" variant="light" role="alert" title={t('referrals.review.safetyTitle')} data-testid="emergency-numbers">
      <Stack gap="sm">
        <Text inherit>{t('referrals.review.safetyText')}</Text>
        {orientations.length > 0 && (
          <List size="sm" spacing={4}>
            {orientations.map((o) => (
              <List.Item key={o.label}>
                <Text span inherit fw={600}>
                  {o.label}
                </Text>
                {o.orientation ? ` — ${t('referrals.review.suggestedOrientation', { orientation: o.orientation })}` : null}
              </List.Item>
            ))}
          </List>
        )}
        <Text inherit fw={600}>
          {t('referrals.review.emergencyCall')}
        </Text>
        <Group gap="sm">
          {numbers.map((n) => (
            <Button key={n.number} component="a" href={`tel:${n.number}`} color="red.8" size="lg">
              <VisuallyHidden>{t('referrals.review.call')}</VisuallyHidden>
              <span className="emergency-number">{n.number}</span>
              <Text span size="sm" ml="xs" fw={500}>
                {n.label[locale]}
              </Text>
            </Button>
          ))}
        </Group>
      </Stack>
    </Alert>
  );
}
