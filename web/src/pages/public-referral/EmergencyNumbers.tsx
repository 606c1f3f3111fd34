import { Anchor, List, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const numbers = [
  { number: '15', key: 'samu' },
  { number: '112', key: 'european' },
  { number: '3114', key: 'suicide' },
] as const;

/** Always on the public form: a request is not an emergency line, these numbers are. */
export function EmergencyNumbers() {
  const { t } = useTranslation();
  return (
    // A plain region, not an alert: it is there on arrival and should not interrupt a screen reader.
    <Paper component="section" aria-labelledby="emergency-title" p="md" radius="md" bg="red.0" bd="1px solid var(--mantine-color-red-3)" data-testid="emergency-numbers">
      <Text fw={700} id="emergency-title" component="h2" size="lg" m={0}>
        {t('admissions.emergency.title')}
      </Text>
      <Text mt={4}>{t('admissions.emergency.intro')}</Text>
      <List mt="xs" spacing={4} listStyleType="none" withPadding={false}>
        {numbers.map((n) => (
          <List.Item key={n.number}>
            <Anchor href={`tel:${n.number}`} fw={700} size="lg" c="red.9" aria-label={`${t('admissions.emergency.call', { number: n.number })} — ${t(`admissions.emergency.${n.key}`)}`}>
              {n.number}
            </Anchor>{' '}
            <Text span>— {t(`admissions.emergency.${n.key}`)}</Text>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
