import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../../api/client';
import { clearSignOutNotice, noteSignOut, peekSignOutNotice } from '../../api/query-client';
import { refreshSession, safeNext, sessionKey, useSession } from '../../api/session';
import { focusFirstInvalid } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PublicLayout } from '../../components/PublicLayout';

/** Sign-in, then (when the account has it) the code from the authenticator app. */
export function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const current = session.data;
  if (session.isPending) {
    return (
      <PublicLayout>
        <Loading />
      </PublicLayout>
    );
  }
  if (current?.stage === 'active') return <Navigate to={next} replace />;
  if (current?.stage === 'totp_enrollment') return <Navigate to={`/two-factor-setup?next=${encodeURIComponent(next)}`} replace />;
  return <PublicLayout>{current?.stage === 'totp_pending' ? <SecondFactorStep /> : <PasswordStep />}</PublicLayout>;
}

function PasswordStep() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [notice] = useState(peekSignOutNotice);
  useEffect(() => clearSignOutNotice(), []);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });
  const signIn = useMutation({
    mutationFn: (values: { email: string; password: string }) => api.post<{ stage: string }>('/api/v1/auth/sign-in', { email: values.email.trim(), password: values.password }),
    // The session (new cookie, new CSRF token) decides what comes next: the app or the code step.
    onSuccess: () => refreshSession(client),
    onError: () => {
      form.setFieldValue('password', '');
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('input[type=password]')?.focus());
    },
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => signIn.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="md">
        <PageHeading documentTitle={t('signIn.title')}>{t('signIn.title')}</PageHeading>
        {notice && !signIn.error && (
          <Alert color={notice.kind === 'signed_out' ? 'green' : 'orange'} variant="light" role="status">
            {notice.kind === 'signed_out' ? t('signIn.signedOut') : notice.message}
          </Alert>
        )}
        <ProblemAlert error={signIn.error} />
        <TextInput label={t('common.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
        <PasswordInput label={t('password.label')} autoComplete="current-password" required {...form.getInputProps('password')} visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }} />
        <Button type="submit" loading={signIn.isPending}>
          {t('signIn.submit')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('signIn.forgotten')}
        </Text>
      </Stack>
    </form>
  );
}

function SecondFactorStep() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (/^\d{6}$/.test(v.replace(/\s/g, '')) ? null : t('twoFactor.codeFormat')) },
  });
  const verify = useMutation({
    mutationFn: (code: string) => api.post('/api/v1/auth/second-factor', { code }),
    onSuccess: () => refreshSession(client),
    onError: () => {
      form.setFieldValue('code', '');
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('input')?.focus());
    },
  });
  const cancel = useMutation({
    mutationFn: () => api.post('/api/v1/auth/sign-out'),
    onSettled: () => {
      noteSignOut({ kind: 'signed_out' });
      setCsrfToken(null);
      client.setQueryData(sessionKey, null);
    },
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => verify.mutate(values.code.replace(/\s/g, '')), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="md">
        <PageHeading documentTitle={t('signIn.codeTitle')}>{t('signIn.codeTitle')}</PageHeading>
        <Text>{t('signIn.codeIntro')}</Text>
        <ProblemAlert error={verify.error} />
        <TextInput
          label={t('twoFactor.code')}
          description={t('twoFactor.codeHelp')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          data-autofocus
          {...form.getInputProps('code')}
        />
        <Button type="submit" loading={verify.isPending}>
          {t('signIn.verify')}
        </Button>
        <Anchor component="button" type="button" onClick={() => cancel.mutate()} size="sm" w="fit-content">
          {t('signIn.otherAccount')}
        </Anchor>
      </Stack>
    </form>
  );
}
