import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/CopyField';

/** The address of the structure's public request form, to copy onto a website, an email or a poster. */
export function PublicFormLink({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const link = `${window.location.origin}/demande/${organizationId}`;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="public-form-link">
      <Stack gap="sm">
        <Title order={2} size="h3" id="public-form-link">
          {t('admissions.publicLink.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('admissions.publicLink.help')}
        </Text>
        <CopyField label={t('admissions.publicLink.label')} value={link} />
      </Stack>
    </Card>
  );
}
