import { Alert, Button, Container, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { peekSignOutNotice } from '../api/query-client';
import type { Permission } from '../api/types';
import { ActiveSessionContext, can, useActiveSession, useSession } from '../api/session';
import { AppLayout } from './AppLayout';
import { Loading } from './Loading';
import { PageHeading } from './PageHeading';

/**
 * The signed-in part of the app. Signed out: to sign-in, remembering the page. Second factor pending
 * or enrolment required by the organization: to that step. Otherwise the layout and the page.
 */
export function RequireSession() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  if (session.isPending) {
    return (
      <main id="main" tabIndex={-1}>
        <Loading fullPage />
      </main>
    );
  }
  if (session.isError) {
    return (
      <main id="main" tabIndex={-1}>
        <Container size="sm" py="xl">
          <Stack>
            <PageHeading documentTitle={t('errors.unavailableTitle')}>{t('errors.unavailableTitle')}</PageHeading>
            <Alert color="red" variant="light" role="alert">
              {session.error.message}
            </Alert>
            <Button onClick={() => void session.refetch()} loading={session.isFetching} w="fit-content">
              {t('common.retry')}
            </Button>
          </Stack>
        </Container>
      </main>
    );
  }
  const current = session.data;
  // After a deliberate sign-out the next person on this tablet starts from the home page.
  if (!current) return <Navigate to={peekSignOutNotice()?.kind === 'signed_out' ? '/sign-in' : `/sign-in?next=${next}`} replace />;
  if (current.stage === 'totp_pending') return <Navigate to={`/sign-in?next=${next}`} replace />;
  if (current.stage === 'totp_enrollment') return <Navigate to={`/two-factor-setup?next=${next}`} replace />;
  return (
    <ActiveSessionContext.Provider value={current}>
      <AppLayout />
    </ActiveSessionContext.Provider>
  );
}

/** A page only some roles may open; the navigation hides it too, this covers a typed address. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  if (can(session, permission)) return children;
  return (
    <Stack>
      <PageHeading documentTitle={t('errors.forbiddenTitle')}>{t('errors.forbiddenTitle')}</PageHeading>
      <Alert color="orange" variant="light">
        {permission === 'person:read' || permission === 'person:create' ? t('errors.forbiddenPeople') : t('errors.forbiddenPage')}
      </Alert>
    </Stack>
  );
}
