import { Alert, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, isApiError } from '../../api/client';
import { refreshSession } from '../../api/session';
import type { InvitationDescription, SessionStage } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { NewPasswordFields, newPasswordRules } from '../../components/NewPasswordFields';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PublicLayout } from '../../components/PublicLayout';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { tokenFromFragment } from '../setup/SetupPage';

/** A colleague opens the link an administrator gave them and chooses a password. */
export function InvitationPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromFragment);
  const lookup = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.post<InvitationDescription>('/api/v1/invitations/lookup', { token }),
    enabled: token.length >= 20,
    staleTime: Infinity,
  });
  const unusable = token.length < 20 || isApiError(lookup.error, 'link_invalid') || isApiError(lookup.error, 'validation_failed');
  return (
    <PublicLayout>
      <Stack gap="lg">
        <PageHeading documentTitle={t('invitation.title')}>{t('invitation.title')}</PageHeading>
        {unusable ? (
          <Stack>
            <Alert color="orange" variant="light" title={t('invitation.linkInvalidTitle')} role="alert">
              {t('invitation.linkInvalid')}
            </Alert>
            <Button component={Link} to="/sign-in" w="fit-content">
              {t('signIn.goToSignIn')}
            </Button>
          </Stack>
        ) : lookup.isPending ? (
          <Loading label={t('invitation.checking')} />
        ) : lookup.isError ? (
          <ProblemAlert error={lookup.error} />
        ) : (
          <AcceptanceForm token={token} invitation={lookup.data} />
        )}
      </Stack>
    </PublicLayout>
  );
}

function AcceptanceForm({ token, invitation }: { token: string; invitation: InvitationDescription }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const rules = newPasswordRules(t);
  const form = useForm({
    initialValues: { password: '', passwordConfirmation: '' },
    validate: { password: rules.password, passwordConfirmation: (v, values) => rules.confirmation(v, values.password) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const accept = useMutation({
    mutationFn: (values: { password: string }) => api.post<{ stage: SessionStage }>('/api/v1/invitations/acceptance', { token, password: values.password, locale: currentLocale() }),
    onSuccess: async (result) => {
      await refreshSession(client);
      notify(t('invitation.welcome', { organization: invitation.organizationName }));
      await navigate(result.stage === 'totp_enrollment' ? '/two-factor-setup' : '/', { replace: true });
    },
    onError: onServerError,
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => accept.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="md">
        <Text>
          <Trans i18nKey="invitation.intro" values={{ firstName: invitation.firstName, organization: invitation.organizationName }} components={{ strong: <strong /> }} />
        </Text>
        <Text size="sm">
          {t('invitation.account', { email: invitation.email })}
          <br />
          {t('invitation.expires', { date: formatDateTime(invitation.expiresAt, currentLocale()) })}
        </Text>
        <ProblemAlert error={accept.error} boundFields={boundFields} />
        {/* Lets password managers store the new password with the right address. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <NewPasswordFields form={form} field="password" confirmField="passwordConfirmation" label={t('password.choose')} />
        <Button type="submit" loading={accept.isPending}>
          {t('invitation.submit')}
        </Button>
      </Stack>
    </form>
  );
}
