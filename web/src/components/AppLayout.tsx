import { Button, Container, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { api, setCsrfToken } from '../api/client';
import { noteSignOut } from '../api/query-client';
import { administersOnly, can, sessionKey, useActiveSession } from '../api/session';
import { fullName } from '../format';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { SkipLink } from './SkipLink';

/** Header (structure, user, language, sign-out), main navigation by permission, then the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => api.post('/api/v1/auth/sign-out'),
    // Signed out on the server or not, this browser forgets everything it held.
    onSettled: () => {
      noteSignOut({ kind: 'signed_out' });
      setCsrfToken(null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      client.setQueryData(sessionKey, null);
    },
  });

  const links = [
    { to: '/', label: t('nav.home'), end: true, show: true },
    { to: '/people', label: t('nav.people'), end: false, show: can(session, 'person:read') },
    { to: '/agenda', label: t('scheduling.nav'), end: true, show: !administersOnly(session) },
    { to: '/signalements', label: t('escalations.nav'), end: true, show: can(session, 'person:read') },
    { to: '/journal/recherche', label: t('journal.search.nav'), end: false, show: can(session, 'person:read') },
    // The inbox for the roles that triage; those who only record a referral go straight to its form.
    can(session, 'referral:triage')
      ? { to: '/demandes', label: t('referrals.nav'), end: false, show: true }
      : { to: '/demandes/nouvelle', label: t('referrals.navRecord'), end: false, show: can(session, 'referral:record') },
    { to: '/liste-attente', label: t('admissions.nav.waitlist'), end: false, show: can(session, 'referral:triage') },
    { to: '/capacites', label: t('admissions.nav.capacity'), end: false, show: can(session, 'referral:triage') },
    { to: '/echeances', label: t('plans.nav.deadlines'), end: false, show: can(session, 'deadlines:oversee') },
    { to: '/services', label: t('nav.services'), end: false, show: can(session, 'services:manage') || !administersOnly(session) },
    { to: '/partners', label: t('nav.partners'), end: false, show: can(session, 'partners:manage') || !administersOnly(session) },
    { to: '/modeles', label: t('templates.nav'), end: false, show: can(session, 'services:manage') },
    { to: '/agenda/creneaux', label: t('schedulingSettings.nav.finder'), end: false, show: can(session, 'appointment:book') },
    { to: '/disponibilites', label: t('schedulingSettings.nav.availability'), end: false, show: can(session, 'appointment:book') || can(session, 'scheduling:configure') },
    { to: '/lieux-ressources', label: t('schedulingSettings.nav.places'), end: false, show: can(session, 'scheduling:configure') || !administersOnly(session) },
    { to: '/rappels', label: t('reminders.nav'), end: false, show: can(session, 'scheduling:configure') },
    { to: '/signalements/reglages', label: t('escalations.navSettings'), end: false, show: can(session, 'escalation:configure') },
    { to: '/staff', label: t('nav.staff'), end: false, show: can(session, 'staff:manage') },
    { to: '/organization', label: t('nav.organization'), end: false, show: can(session, 'organization:manage') },
    { to: '/account', label: t('nav.account'), end: false, show: true },
  ].filter((link) => link.show);

  return (
    <>
      <SkipLink />
      <header className="app-header">
        <Container size="lg" pt="sm">
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Brand subtitle={session.organization.name} />
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" fw={500} visibleFrom="sm" data-testid="current-user">
                {fullName(session.staffMember)}
              </Text>
              <NotificationBell />
              <LanguageSwitch />
              <Button variant="default" size="sm" onClick={() => signOut.mutate()} loading={signOut.isPending}>
                {t('nav.signOut')}
              </Button>
            </Group>
          </Group>
          <nav aria-label={t('nav.label')} className="main-nav">
            <ul>
              {links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} end={link.end}>
                    {link.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </Container>
      </header>
      <main id="main" tabIndex={-1}>
        <Container size="lg" py="lg">
          <Outlet />
        </Container>
      </main>
    </>
  );
}
