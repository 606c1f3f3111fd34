import { Button, Card, Checkbox, Fieldset, NumberInput, PasswordInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { reminderSettingsKey, type ReminderSettings } from '../../api/reminders';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';

/** The structure's reminders: lead time, and the email and SMS channels (secrets are write-only). */
export function ReminderSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: reminderSettingsKey, queryFn: () => api.get<ReminderSettings>('/api/v1/reminders/settings') });
  return (
    <Stack gap="lg" maw={760}>
      <PageHeading documentTitle={t('reminders.settings.title')}>{t('reminders.settings.title')}</PageHeading>
      <Text>{t('reminders.settings.intro')}</Text>
      {settings.isPending ? <Loading /> : settings.isError ? <ProblemAlert error={settings.error} /> : <ReminderSettingsForm settings={settings.data} />}
    </Stack>
  );
}

interface Values extends Record<string, unknown> {
  leadHours: number | string;
  emailRemindersEnabled: boolean;
  smtpHost: string;
  smtpPort: number | string;
  smtpSecure: boolean;
  smtpUser: string;
  smtpPassword: string;
  clearSmtpPassword: boolean;
  smtpFrom: string;
  smsRemindersEnabled: boolean;
  smsProviderUrl: string;
  smsApiKey: string;
  clearSmsApiKey: boolean;
  smsSender: string;
}

const valuesOf = (s: ReminderSettings): Values => ({
  leadHours: s.leadHours,
  emailRemindersEnabled: s.emailRemindersEnabled,
  smtpHost: s.smtpHost ?? '',
  smtpPort: s.smtpPort ?? 587,
  smtpSecure: s.smtpSecure,
  smtpUser: s.smtpUser ?? '',
  smtpPassword: '',
  clearSmtpPassword: false,
  smtpFrom: s.smtpFrom ?? '',
  smsRemindersEnabled: s.smsRemindersEnabled,
  smsProviderUrl: s.smsProviderUrl ?? '',
  smsApiKey: '',
  clearSmsApiKey: false,
  smsSender: s.smsSender ?? '',
});

// A secret left empty is kept; "erase" sends null; a typed one replaces it.
const secret = (value: string, clear: boolean) => (clear ? null : value ? value : undefined);
const text = (value: string) => value.trim() || null;

function ReminderSettingsForm({ settings }: { settings: ReminderSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = useForm<Values>({ initialValues: valuesOf(settings) });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.put<ReminderSettings>('/api/v1/reminders/settings', {
        leadHours: Number(v.leadHours),
        emailRemindersEnabled: v.emailRemindersEnabled,
        smtpHost: text(v.smtpHost),
        smtpPort: v.smtpPort === '' ? null : Number(v.smtpPort),
        smtpSecure: v.smtpSecure,
        smtpUser: text(v.smtpUser),
        smtpPassword: secret(v.smtpPassword, v.clearSmtpPassword),
        smtpFrom: text(v.smtpFrom),
        smsRemindersEnabled: v.smsRemindersEnabled,
        smsProviderUrl: text(v.smsProviderUrl),
        smsApiKey: secret(v.smsApiKey, v.clearSmsApiKey),
        smsSender: text(v.smsSender),
      }),
    onSuccess: (saved) => {
      client.setQueryData(reminderSettingsKey, saved);
      const next = valuesOf(saved);
      form.setValues(next);
      form.resetDirty(next);
      notify(t('reminders.settings.saved'));
    },
    onError: onServerError,
  });
  const secretHelp = (set: boolean) => (set ? t('reminders.settings.secretSet') : t('reminders.settings.secretUnset'));
  return (
    <Card withBorder radius="md" padding="lg">
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="lg">
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <NumberInput label={t('reminders.settings.leadHours')} description={t('reminders.settings.leadHoursHelp')} min={1} max={168} required {...form.getInputProps('leadHours')} />
          <Fieldset legend={t('reminders.settings.emailTitle')}>
            <Stack gap="sm">
              <Switch label={t('reminders.settings.emailEnabled')} {...form.getInputProps('emailRemindersEnabled', { type: 'checkbox' })} />
              <TextInput label={t('reminders.settings.smtpHost')} autoComplete="off" {...form.getInputProps('smtpHost')} />
              <NumberInput label={t('reminders.settings.smtpPort')} min={1} max={65535} {...form.getInputProps('smtpPort')} />
              <Checkbox label={t('reminders.settings.smtpSecure')} {...form.getInputProps('smtpSecure', { type: 'checkbox' })} />
              <TextInput label={t('reminders.settings.smtpUser')} autoComplete="off" {...form.getInputProps('smtpUser')} />
              <PasswordInput label={t('reminders.settings.smtpPassword')} description={secretHelp(settings.smtpPasswordSet)} autoComplete="new-password" {...form.getInputProps('smtpPassword')} />
              {settings.smtpPasswordSet && <Checkbox label={t('reminders.settings.secretClear')} {...form.getInputProps('clearSmtpPassword', { type: 'checkbox' })} />}
              <TextInput label={t('reminders.settings.smtpFrom')} type="email" autoComplete="off" {...form.getInputProps('smtpFrom')} />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('reminders.settings.smsTitle')}>
            <Stack gap="sm">
              <Switch label={t('reminders.settings.smsEnabled')} {...form.getInputProps('smsRemindersEnabled', { type: 'checkbox' })} />
              <TextInput label={t('reminders.settings.smsProviderUrl')} description={t('reminders.settings.smsProviderUrlHelp')} type="url" autoComplete="off" {...form.getInputProps('smsProviderUrl')} />
              <PasswordInput label={t('reminders.settings.smsApiKey')} description={secretHelp(settings.smsApiKeySet)} autoComplete="new-password" {...form.getInputProps('smsApiKey')} />
              {settings.smsApiKeySet && <Checkbox label={t('reminders.settings.secretClear')} {...form.getInputProps('clearSmsApiKey', { type: 'checkbox' })} />}
              <TextInput label={t('reminders.settings.smsSender')} autoComplete="off" {...form.getInputProps('smsSender')} />
            </Stack>
          </Fieldset>
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
