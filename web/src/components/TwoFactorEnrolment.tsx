import { Button, Code, CopyButton, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { TwoFactorEnrolment as Enrolment } from '../api/types';
import { focusFirstInvalid } from './form-errors';
import { Loading } from './Loading';
import { ProblemAlert } from './ProblemAlert';

function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** "ABCD EFGH …": easier to read aloud and to type into an app by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Enrolment in three steps: install an app, scan the QR code (or type the key), confirm with a code.
 * It starts as soon as it is shown; `onDone` runs once the server has accepted the code.
 */
export function TwoFactorEnrolment({ onDone, onCancel, headingLevel = 2 }: { onDone: () => Promise<void> | void; onCancel?: () => void; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const start = useMutation({ mutationFn: () => api.post<Enrolment>('/api/v1/me/two-factor/enrolment') });
  const startEnrolment = start.mutate;
  useEffect(() => {
    startEnrolment();
  }, [startEnrolment]);
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (/^\d{6}$/.test(v.replace(/\s/g, '')) ? null : t('twoFactor.codeFormat')) },
  });
  const confirm = useMutation({
    mutationFn: (code: string) => api.post('/api/v1/me/two-factor/confirmation', { code }),
    onSuccess: () => onDone(),
    onError: () => {
      form.setFieldValue('code', '');
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('input')?.focus());
    },
  });

  if (start.isPending || start.isIdle) return <Loading label={t('twoFactor.preparing')} />;
  if (start.isError) {
    return (
      <Stack>
        <ProblemAlert error={start.error} />
        <Button variant="default" onClick={() => start.mutate()} w="fit-content">
          {t('common.retry')}
        </Button>
      </Stack>
    );
  }
  const enrolment = start.data;
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={headingLevel} size="h4">
          {t('twoFactor.step1Title')}
        </Title>
        <Text>{t('twoFactor.step1')}</Text>
      </Stack>
      <Stack gap="xs">
        <Title order={headingLevel} size="h4">
          {t('twoFactor.step2Title')}
        </Title>
        <Text>{t('twoFactor.step2')}</Text>
        <img className="qr-code" src={svgDataUrl(enrolment.qrCodeSvg)} alt={t('twoFactor.qrAlt')} width={200} height={200} />
        <Text size="sm">{t('twoFactor.manualEntry')}</Text>
        <Group gap="sm" wrap="wrap">
          <Code className="secret-key" data-testid="two-factor-secret" aria-label={t('twoFactor.secretLabel')}>
            {groupSecret(enrolment.secret)}
          </Code>
          <CopyButton value={enrolment.secret} timeout={3000}>
            {({ copied, copy }) => (
              <Button size="sm" variant="default" onClick={copy}>
                {copied ? t('common.copied') : t('twoFactor.copySecret')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <List size="sm" c="dimmed">
          <List.Item>{t('twoFactor.manualType')}</List.Item>
        </List>
      </Stack>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => confirm.mutate(values.code.replace(/\s/g, '')), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="sm">
          <Title order={headingLevel} size="h4">
            {t('twoFactor.step3Title')}
          </Title>
          <ProblemAlert error={confirm.error} />
          <TextInput label={t('twoFactor.code')} description={t('twoFactor.codeHelp')} inputMode="numeric" autoComplete="one-time-code" maxLength={7} required {...form.getInputProps('code')} />
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              {t('twoFactor.confirm')}
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel} disabled={confirm.isPending}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
