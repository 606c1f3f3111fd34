import { PasswordInput, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export const passwordMinLength = 12;

/**
 * Choosing a password: the rule is written under the field (not only shown once it is broken),
 * and a second field catches typing mistakes.
 */
export function NewPasswordFields<V extends Record<string, unknown>>({ form, field, confirmField, label }: { form: UseFormReturnType<V>; field: string; confirmField: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PasswordInput
        label={label ?? t('password.new')}
        description={t('password.rule', { count: passwordMinLength })}
        autoComplete="new-password"
        required
        {...form.getInputProps(field)}
        visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
      />
      <PasswordInput label={t('password.confirm')} autoComplete="new-password" required {...form.getInputProps(confirmField)} visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }} />
    </Stack>
  );
}

/** Client-side checks that mirror the server's rule, so most mistakes are caught before sending. */
export function newPasswordRules(t: TFunction) {
  return {
    password: (value: string) => (value.length < passwordMinLength ? t('password.tooShort', { count: passwordMinLength }) : null),
    confirmation: (value: string, password: string) => (value !== password ? t('password.mismatch') : null),
  };
}
