import { Anchor, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../../api/client';
import { noteSignOut } from '../../api/query-client';
import { refreshSession, safeNext, sessionKey, useSession } from '../../api/session';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { PublicLayout } from '../../components/PublicLayout';
import { TwoFactorEnrolment } from '../../components/TwoFactorEnrolment';

/** When the structure requires two-factor authentication, a user without it enrols here before anything else. */
export function TwoFactorSetupPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const signOut = useMutation({
    mutationFn: () => api.post('/api/v1/auth/sign-out'),
    onSettled: () => {
      noteSignOut({ kind: 'signed_out' });
      setCsrfToken(null);
      client.setQueryData(sessionKey, null);
    },
  });
  const current = session.data;
  if (session.isPending) {
    return (
      <PublicLayout>
        <Loading />
      </PublicLayout>
    );
  }
  if (!current || current.stage === 'totp_pending') return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  if (current.stage === 'active') return <Navigate to={next} replace />;
  return (
    <PublicLayout width={640}>
      <Stack gap="lg">
        <PageHeading documentTitle={t('twoFactor.requiredTitle')}>{t('twoFactor.requiredTitle')}</PageHeading>
        <Text>{t('twoFactor.requiredIntro', { organization: current.organization.name })}</Text>
        <TwoFactorEnrolment
          onDone={async () => {
            await refreshSession(client);
            notify(t('twoFactor.enabled'));
            await navigate(next, { replace: true });
          }}
        />
        <Anchor component="button" type="button" size="sm" onClick={() => signOut.mutate()} w="fit-content">
          {t('nav.signOut')}
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}
