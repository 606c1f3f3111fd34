import { Badge, Button, Card, Group, Modal, PasswordInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCatalogue } from '../../api/catalogue';
import { refreshSession, useActiveSession } from '../../api/session';
import type { Locale } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { NewPasswordFields, newPasswordRules } from '../../components/NewPasswordFields';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TwoFactorEnrolment } from '../../components/TwoFactorEnrolment';
import { catalogueName, fullName } from '../../format';
import { changeLanguage, currentLocale } from '../../i18n/setup';
import { CalendarFeedSection } from '../reminders/CalendarFeedSection';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** My account: who I am, my language, my password, my second factor. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={760}>
      <PageHeading documentTitle={t('account.title')}>{t('account.title')}</PageHeading>
      <Identity />
      <Section id="account-language" title={t('account.languageTitle')}>
        <LanguagePreference />
      </Section>
      <Section id="account-password" title={t('account.passwordTitle')}>
        <PasswordChange />
      </Section>
      <Section id="account-two-factor" title={t('twoFactor.title')}>
        <TwoFactorSettings />
      </Section>
      <Section id="account-calendar-feed" title={t('reminders.feed.title')}>
        <CalendarFeedSection />
      </Section>
    </Stack>
  );
}

function Identity() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const catalogue = useCatalogue();
  const locale = currentLocale();
  const roleNames = session.roles.map((code) => {
    const role = catalogue.data?.roles.find((r) => r.code === code);
    return role ? catalogueName(role, locale) : code;
  });
  return (
    <Section id="account-identity" title={t('account.identityTitle')}>
      <Stack gap="xs">
        <Text>
          <strong>{fullName(session.staffMember)}</strong> — {session.staffMember.email}
        </Text>
        <Text>{t('account.organization', { organization: session.organization.name })}</Text>
        <Group gap="xs">
          <Text>{t('account.roles')}</Text>
          {roleNames.map((name) => (
            <Badge key={name} variant="light" size="lg" tt="none">
              {name}
            </Badge>
          ))}
        </Group>
        <Text size="sm" c="dimmed">
          {t('account.identityHelp')}
        </Text>
      </Stack>
    </Section>
  );
}

function LanguagePreference() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const save = useMutation({
    mutationFn: async (locale: Locale) => {
      await api.patch('/api/v1/me/preferences', { locale });
      await changeLanguage(locale);
      await refreshSession(client);
    },
    onSuccess: () => notify(t('account.languageSaved')),
  });
  return (
    <Stack gap="sm">
      <Radio.Group label={t('account.languageLabel')} description={t('account.languageHelp')} value={currentLocale()} onChange={(value) => save.mutate(value === 'en' ? 'en' : 'fr')}>
        <Group mt="xs">
          <Radio value="fr" label="Français" lang="fr" disabled={save.isPending} />
          <Radio value="en" label="English" lang="en" disabled={save.isPending} />
        </Group>
      </Radio.Group>
      <ProblemAlert error={save.error} />
    </Stack>
  );
}

function PasswordChange() {
  const { t } = useTranslation();
  const email = useActiveSession().staffMember.email;
  const client = useQueryClient();
  const notify = useNotify();
  const rules = newPasswordRules(t);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', newPasswordConfirmation: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('validation.required')),
      newPassword: rules.password,
      newPasswordConfirmation: (v, values) => rules.confirmation(v, values.newPassword),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const change = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) => api.post('/api/v1/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: async () => {
      form.reset();
      await refreshSession(client);
      notify(t('account.passwordChanged'));
    },
    onError: onServerError,
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => change.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="md">
        <Text size="sm">{t('account.passwordHelp')}</Text>
        <ProblemAlert error={change.error} boundFields={boundFields} />
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordInput label={t('password.current')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }} />
        <NewPasswordFields form={form} field="newPassword" confirmField="newPasswordConfirmation" />
        <Button type="submit" loading={change.isPending} w="fit-content">
          {t('account.passwordSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

function TwoFactorSettings() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const enabled = session.staffMember.twoFactorEnabled;
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Text>{t('twoFactor.status')}</Text>
        <Badge color={enabled ? 'green' : 'gray'} variant="light" size="lg" tt="none">
          {enabled ? t('twoFactor.on') : t('twoFactor.off')}
        </Badge>
      </Group>
      <Text size="sm">{t('twoFactor.explanation')}</Text>
      {enabled ? (
        session.organization.requireTwoFactor ? (
          <Text size="sm" c="dimmed">
            {t('twoFactor.requiredByOrganization')}
          </Text>
        ) : (
          <Button variant="default" onClick={() => setDisabling(true)} w="fit-content">
            {t('twoFactor.disable')}
          </Button>
        )
      ) : enrolling ? (
        <TwoFactorEnrolment
          headingLevel={3}
          onCancel={() => setEnrolling(false)}
          onDone={async () => {
            await refreshSession(client);
            setEnrolling(false);
            notify(t('twoFactor.enabled'));
          }}
        />
      ) : (
        <Button onClick={() => setEnrolling(true)} w="fit-content">
          {t('twoFactor.enable')}
        </Button>
      )}
      <DisableTwoFactorDialog opened={disabling} onClose={() => setDisabling(false)} />
    </Stack>
  );
}

function DisableTwoFactorDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = useForm({
    initialValues: { password: '', code: '' },
    validate: {
      password: (v) => (v ? null : t('validation.required')),
      code: (v) => (/^\d{6}$/.test(v.replace(/\s/g, '')) ? null : t('twoFactor.codeFormat')),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const disable = useMutation({
    mutationFn: (values: { password: string; code: string }) => api.post('/api/v1/me/two-factor/deactivation', { password: values.password, code: values.code.replace(/\s/g, '') }),
    onSuccess: async () => {
      await refreshSession(client);
      close();
      notify(t('twoFactor.disabled'));
    },
    onError: onServerError,
  });
  function close() {
    form.reset();
    disable.reset();
    onClose();
  }
  return (
    <Modal opened={opened} onClose={close} title={t('twoFactor.disableTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => disable.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="md">
          <Text size="sm">{t('twoFactor.disableHelp')}</Text>
          <ProblemAlert error={disable.error} boundFields={boundFields} />
          <PasswordInput label={t('password.label')} autoComplete="current-password" required data-autofocus {...form.getInputProps('password')} visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }} />
          <TextInput label={t('twoFactor.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={7} required {...form.getInputProps('code')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={disable.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.8" loading={disable.isPending}>
              {t('twoFactor.disableConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
