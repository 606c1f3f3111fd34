import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can, useActiveSession } from '../../api/session';
import { PageHeading } from '../../components/PageHeading';
import { ResourcesSection } from './ResourcesSection';
import { SchedulingRulesSection } from './SchedulingRulesSection';
import { SectorsSection } from './SectorsSection';
import { SitesSection } from './SitesSection';
import './scheduling-settings.css';

/**
 * "Lieux et ressources": the structure's sites, its rooms and equipment, the sectors of home
 * visits with the travel time between them, and the slot finder's settings. Every staff member
 * reads them; the coordination (scheduling:configure) changes them.
 */
export function PlacesPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const manage = can(session, 'scheduling:configure');
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageHeading documentTitle={t('schedulingSettings.places.title')}>{t('schedulingSettings.places.title')}</PageHeading>
        <Text c="dimmed">{manage ? t('schedulingSettings.places.intro') : t('schedulingSettings.places.introReadOnly')}</Text>
      </Stack>
      <SitesSection manage={manage} />
      <ResourcesSection manage={manage} />
      <SectorsSection manage={manage} />
      <SchedulingRulesSection manage={manage} />
    </Stack>
  );
}
