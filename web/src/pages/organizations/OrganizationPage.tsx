import { Alert, Button, Card, Checkbox, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { refreshSession, useActiveSession } from '../../api/session';
import { organizationKinds, type Organization, type OrganizationKind } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PublicFormLink } from '../public-referral/PublicFormLink';

const organizationKey = ['organization'] as const;

/** The structure's name, kind, and whether every account must use two-factor authentication. */
export function OrganizationPage() {
  const { t } = useTranslation();
  const organization = useQuery({ queryKey: organizationKey, queryFn: () => api.get<Organization>('/api/v1/organization') });
  return (
    <Stack gap="lg" maw={760}>
      <PageHeading documentTitle={t('organization.title')}>{t('organization.title')}</PageHeading>
      {organization.isPending ? <Loading /> : organization.isError ? <ProblemAlert error={organization.error} /> : <OrganizationForm organization={organization.data} />}
      {organization.data && <PublicFormLink organizationId={organization.data.id} />}
    </Stack>
  );
}

interface OrganizationValues extends Record<string, unknown> {
  name: string;
  kind: OrganizationKind;
  requireTwoFactor: boolean;
  legalClock: boolean;
  address: string;
  phone: string;
  email: string;
}

const valuesOf = (o: Organization): OrganizationValues => ({
  name: o.name,
  kind: o.kind,
  requireTwoFactor: o.requireTwoFactor,
  legalClock: o.legalClock,
  address: o.address ?? '',
  phone: o.phone ?? '',
  email: o.email ?? '',
});

function OrganizationForm({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const session = useActiveSession();
  const form = useForm<OrganizationValues>({
    initialValues: valuesOf(organization),
    validate: { name: (v) => (v.trim().length < 2 ? t('validation.minLength', { count: 2 }) : null) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: (values: OrganizationValues) =>
      api.patch<Organization>('/api/v1/organization', {
        name: values.name.trim(),
        kind: values.kind,
        requireTwoFactor: values.requireTwoFactor,
        legalClock: values.legalClock,
        address: values.address.trim() || null,
        phone: values.phone.trim() || null,
        email: values.email.trim() || null,
      }),
    onSuccess: async (updated) => {
      client.setQueryData(organizationKey, updated);
      const saved = valuesOf(updated);
      form.setValues(saved);
      form.resetDirty(saved);
      await refreshSession(client);
      notify(t('organization.saved'));
    },
    onError: onServerError,
  });
  const turningOnTwoFactor = form.values.requireTwoFactor && !organization.requireTwoFactor;
  return (
    <Card withBorder radius="md" padding="lg">
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="lg">
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <TextInput label={t('organization.name')} description={t('organization.nameHelp')} required autoComplete="organization" {...form.getInputProps('name')} />
          <Radio.Group label={t('organization.kind')} description={t('organization.kindHelp')} required {...form.getInputProps('kind')}>
            <Stack gap="xs" mt="xs">
              {organizationKinds.map((kind) => (
                <Radio key={kind} value={kind} label={t(`organization.kinds.${kind}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea label={t('organization.address')} description={t('organization.contactHelp')} autosize minRows={2} autoComplete="street-address" {...form.getInputProps('address')} />
          <TextInput label={t('organization.phone')} type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
          <TextInput label={t('organization.email')} type="email" autoComplete="email" {...form.getInputProps('email')} />
          <Checkbox label={t('organization.legalClock')} description={t('organization.legalClockHelp')} {...form.getInputProps('legalClock', { type: 'checkbox' })} />
          <Checkbox label={t('organization.requireTwoFactor')} description={t('organization.requireTwoFactorHelp')} {...form.getInputProps('requireTwoFactor', { type: 'checkbox' })} />
          {turningOnTwoFactor && (
            <Alert color="orange" variant="light">
              {session.staffMember.twoFactorEnabled ? t('organization.requireTwoFactorWarning') : t('organization.requireTwoFactorWarningSelf')}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('organization.timeZone', { timeZone: organization.timeZone })}
          </Text>
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
