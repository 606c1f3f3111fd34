import { Alert, Button, Divider, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { refreshSession } from '../../api/session';
import { organizationKinds, type OrganizationKind } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { NewPasswordFields, newPasswordRules } from '../../components/NewPasswordFields';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PublicLayout } from '../../components/PublicLayout';
import { currentLocale } from '../../i18n/setup';

/** The link's secret travels in the fragment (#…), which browsers never send to a server. */
export function tokenFromFragment(): string {
  try {
    return decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
  } catch {
    return '';
  }
}

interface SetupValues extends Record<string, unknown> {
  organization: { name: string; kind: OrganizationKind | '' };
  administrator: { firstName: string; lastName: string; email: string; password: string };
  passwordConfirmation: string;
}

/** First run: the structure and its first administrator, from the one-time link the server printed. */
export function SetupPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromFragment);
  const check = useQuery({
    queryKey: ['setup-check', token],
    queryFn: () => api.post<{ valid: boolean }>('/api/v1/setup/check', { token }),
    enabled: token.length >= 20,
    staleTime: Infinity,
  });
  const valid = token.length >= 20 && check.data?.valid === true;
  return (
    <PublicLayout width={640}>
      <Stack gap="lg">
        <PageHeading documentTitle={t('setup.title')}>{t('setup.title')}</PageHeading>
        {token.length >= 20 && check.isPending ? (
          <Loading label={t('setup.checking')} />
        ) : check.isError ? (
          <ProblemAlert error={check.error} />
        ) : valid ? (
          <SetupForm token={token} />
        ) : (
          <Stack>
            <Alert color="orange" variant="light" title={t('setup.linkInvalidTitle')} role="alert">
              {t('setup.linkInvalid')}
            </Alert>
            <Button component={Link} to="/sign-in" w="fit-content">
              {t('signIn.goToSignIn')}
            </Button>
          </Stack>
        )}
      </Stack>
    </PublicLayout>
  );
}

function SetupForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const rules = newPasswordRules(t);
  const form = useForm<SetupValues>({
    initialValues: {
      organization: { name: '', kind: '' },
      administrator: { firstName: '', lastName: '', email: '', password: '' },
      passwordConfirmation: '',
    },
    validate: {
      organization: {
        name: (v) => (v.trim().length < 2 ? t('validation.minLength', { count: 2 }) : null),
        kind: (v) => (v ? null : t('setup.kindRequired')),
      },
      administrator: {
        firstName: (v) => (v.trim() ? null : t('validation.required')),
        lastName: (v) => (v.trim() ? null : t('validation.required')),
        email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')),
        password: rules.password,
      },
      passwordConfirmation: (v, values) => rules.confirmation(v, values.administrator.password),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const setup = useMutation({
    mutationFn: (values: SetupValues) =>
      api.post('/api/v1/setup', {
        token,
        organization: { name: values.organization.name.trim(), kind: values.organization.kind },
        administrator: { ...values.administrator, email: values.administrator.email.trim(), locale: currentLocale() },
      }),
    onSuccess: async () => {
      await refreshSession(client);
      notify(t('setup.done'));
      await navigate('/', { replace: true });
    },
    onError: onServerError,
  });

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => setup.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="md">
        <Text>{t('setup.intro')}</Text>
        <ProblemAlert error={setup.error} boundFields={boundFields} />
        <Title order={2} size="h3">
          {t('setup.organizationSection')}
        </Title>
        <TextInput label={t('organization.name')} required autoComplete="organization" {...form.getInputProps('organization.name')} />
        <Radio.Group label={t('organization.kind')} required {...form.getInputProps('organization.kind')}>
          <Stack gap="xs" mt="xs">
            {organizationKinds.map((kind) => (
              <Radio key={kind} value={kind} label={t(`organization.kinds.${kind}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Divider my="xs" />
        <Title order={2} size="h3">
          {t('setup.administratorSection')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('setup.administratorHelp')}
        </Text>
        <TextInput label={t('person.firstName')} required autoComplete="given-name" {...form.getInputProps('administrator.firstName')} />
        <TextInput label={t('person.lastName')} required autoComplete="family-name" {...form.getInputProps('administrator.lastName')} />
        <TextInput label={t('common.email')} type="email" required autoComplete="email" {...form.getInputProps('administrator.email')} />
        <NewPasswordFields form={form} field="administrator.password" confirmField="passwordConfirmation" label={t('password.choose')} />
        <Button type="submit" loading={setup.isPending} size="md" mt="sm">
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
