import { Alert, Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useActiveSession } from '../../api/session';
import { PageHeading } from '../../components/PageHeading';
import { MyDeadlines } from '../plans/MyDeadlines';
import { FailedReminders } from '../reminders/FailedReminders';
import { MyDay } from './MyDay';

/** Welcome, and what this user can do here (only what their roles allow). */
export function HomePage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const areas = [
    { to: '/people', title: t('nav.people'), text: can(session, 'person:create') ? t('home.peopleCreate') : t('home.peopleRead'), show: can(session, 'person:read') },
    { to: '/staff', title: t('nav.staff'), text: t('home.staff'), show: can(session, 'staff:manage') },
    { to: '/organization', title: t('nav.organization'), text: t('home.organization'), show: can(session, 'organization:manage') },
    { to: '/account', title: t('nav.account'), text: t('home.account'), show: true },
  ].filter((a) => a.show);
  const administersOnly = can(session, 'staff:manage') && !can(session, 'person:read');
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageHeading documentTitle={t('nav.home')}>{t('home.greeting', { firstName: session.staffMember.firstName })}</PageHeading>
        <Text size="lg">{t('home.welcome', { organization: session.organization.name })}</Text>
      </Stack>
      {administersOnly && (
        <Alert color="relais" variant="light" title={t('home.adminTitle')}>
          {t('home.adminText')}
        </Alert>
      )}
      {!session.staffMember.twoFactorEnabled && (
        <Alert color="orange" variant="light" title={t('home.twoFactorTitle')}>
          {t('home.twoFactorText')}{' '}
          <Anchor component={Link} to="/account" fw={600}>
            {t('home.twoFactorLink')}
          </Anchor>
        </Alert>
      )}
      <MyDay />
      <FailedReminders />
      <MyDeadlines />
      <section aria-labelledby="home-what">
        <Title order={2} size="h3" id="home-what" mb="sm">
          {t('home.whatYouCanDo')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {areas.map((area) => (
            <Card key={area.to} withBorder radius="md" padding="lg">
              <Title order={3} size="h4">
                <Anchor component={Link} to={area.to} inherit>
                  {area.title}
                </Anchor>
              </Title>
              <Text mt="xs">{area.text}</Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
