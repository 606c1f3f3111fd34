import { Anchor, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Section } from '../../components/Facts';

/** On the person's record: search their journal, or export it (CSV, each entry within its level). */
export function PersonJournalSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  return (
    <Section id="person-journal" title={t('journal.person.title')} description={t('journal.person.help')}>
      <Group gap="sm">
        <Button component={Link} to={`/journal/recherche?personId=${personId}`} variant="default">
          {t('journal.person.search')}
        </Button>
        <Anchor href={`/api/v1/people/${personId}/journal/export`} download>
          {t('journal.person.export')}
        </Anchor>
      </Group>
    </Section>
  );
}
